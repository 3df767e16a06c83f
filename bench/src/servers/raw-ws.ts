/**
 * Child process: the floor of P1 and P4, a bare `ws` server. A client sends one JSON line naming the
 * student whose events it wants; `POST /publish` with `{ studentId, payload }` sends the payload, as
 * is, to every socket of that student. No authentication, no GraphQL, no database.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveUntilParentLeaves } from './ipc.js';

const byStudent = new Map<string, Set<WebSocket>>();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { studentId, payload } = JSON.parse(Buffer.concat(chunks).toString()) as { studentId: string; payload: string };
    for (const ws of byStudent.get(studentId) ?? []) ws.send(payload);
    res.writeHead(204).end();
  });
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  ws.once('message', (data) => {
    const { studentId } = JSON.parse(String(data)) as { studentId: string };
    const set = byStudent.get(studentId) ?? new Set();
    set.add(ws);
    byStudent.set(studentId, set);
    ws.on('close', () => set.delete(ws));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
serveUntilParentLeaves({ url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` }, async () => {
  for (const ws of wss.clients) ws.terminate();
  await new Promise((resolve) => server.close(resolve));
});
