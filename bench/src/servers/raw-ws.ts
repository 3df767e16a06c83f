/**
 * Child process: the floor of P1, P4 and P6, a bare `ws` server. A client sends one JSON line naming
 * the key whose messages it wants (a student, a class). The server LISTENs on PostgreSQL's channel
 * `bench_floor`; a notification `{ key, payload }`, committed by the bench's writer, is sent as is to
 * every socket of that key: commit → NOTIFY → sockets, with no authentication, GraphQL or reading.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { FLOOR_CHANNEL } from '../live.js';
import { serveUntilParentLeaves } from './ipc.js';

const byKey = new Map<string, Set<WebSocket>>();
const server = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  ws.once('message', (data) => {
    const { key } = JSON.parse(String(data)) as { key: string };
    const set = byKey.get(key) ?? new Set();
    set.add(ws);
    byKey.set(key, set);
    ws.on('close', () => set.delete(ws));
  });
});
const listener = new pg.Client({ connectionString: process.env.BENCH_DB_URL! });
await listener.connect();
listener.on('notification', (n) => {
  const { key, payload } = JSON.parse(n.payload!) as { key: string; payload: string };
  for (const ws of byKey.get(key) ?? []) ws.send(payload);
});
await listener.query(`listen ${FLOOR_CHANNEL}`);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
serveUntilParentLeaves({ wsUrl: `ws://127.0.0.1:${port}` }, async () => {
  for (const ws of wss.clients) ws.terminate();
  await listener.end();
  await new Promise((resolve) => server.close(resolve));
});
