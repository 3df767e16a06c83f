/**
 * The timers of every WebSocket of a process, kept by one interval (sockets.ts): keep-alive, the wait for
 * `connection_init`, and session expiry. A bare `ws` server with the timers shortened; clients in this
 * process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer, type Server as WsServer } from 'ws';
import { Deadlines, SocketTimers, TimedSocket } from './sockets.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let http: Server;
let wss: WsServer<typeof TimedSocket>;
let timers: SocketTimers;
const clients: WebSocket[] = [];

/** A server whose sockets are watched by `timers`, and its sockets in the order they opened. */
async function watchedServer(settings: { keepAliveMs: number; initWaitMs: number }) {
  http = createServer();
  wss = new WebSocketServer({ server: http, WebSocket: TimedSocket });
  const expired: WebSocket[] = [];
  const onExpired = (socket: WebSocket) => {
    expired.push(socket);
    socket.close(4403, 'Session ended');
  };
  timers = new SocketTimers(wss.clients, { ...settings, tickMs: 20, onExpired });
  const opened: TimedSocket[] = [];
  wss.on('connection', (socket) => {
    opened.push(socket);
    timers.opened(socket);
    socket.on('close', () => timers.closed(socket));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, opened, expired };
}

/** A client, and the close code it ends with. */
async function connect(url: string, opts: { autoPong?: boolean } = {}) {
  const ws = new WebSocket(url, opts);
  clients.push(ws);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
  return { ws, closed };
}

const state = async (closed: Promise<number>, withinMs: number) => Promise.race([closed, sleep(withinMs).then(() => 'open')]);

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  timers.stop();
  wss.close();
  await new Promise((resolve) => http.close(resolve));
});

describe('keep-alive', () => {
  it('terminates a socket that does not answer pings, and keeps one that does', async () => {
    const { url } = await watchedServer({ keepAliveMs: 100, initWaitMs: 60_000 });
    const answering = await connect(url);
    const silent = await connect(url, { autoPong: false });

    // Pinged at 100 ms, found silent at 200 ms: ended without a closing handshake.
    expect(await state(silent.closed, 600)).toBe(1006);
    expect(await state(answering.closed, 200)).toBe('open');
  });
});

describe('connection initialisation', () => {
  it('closes a socket that never initialised with 4408, and keeps one that did', async () => {
    const { url, opened } = await watchedServer({ keepAliveMs: 0, initWaitMs: 150 });
    const silent = await connect(url);
    const initialised = await connect(url);
    timers.initialised(opened[1]);

    // Deadlines are kept per whole second: closed within a second after the wait.
    expect(await state(silent.closed, 2500)).toBe(4408);
    expect(await state(initialised.closed, 300)).toBe('open');
  });
});

describe('session expiry', () => {
  it('closes a socket once its session has expired, not before', async () => {
    const { url, opened, expired } = await watchedServer({ keepAliveMs: 0, initWaitMs: 60_000 });
    const client = await connect(url);
    const expiresAt = new Date(Date.now() + 1000);
    timers.expiresAt(opened[0], expiresAt);

    expect(await state(client.closed, 3000)).toBe(4403);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
    expect(expired).toEqual([opened[0]]);
  });

  it('forgets a socket that closed before its session expired', async () => {
    const { url, opened, expired } = await watchedServer({ keepAliveMs: 0, initWaitMs: 60_000 });
    const client = await connect(url);
    timers.initialised(opened[0]);
    timers.expiresAt(opened[0], new Date(Date.now() + 200));
    client.ws.close();
    await client.closed;

    await sleep(1300);
    expect(expired).toEqual([]);
    expect(timers.watched).toBe(0);
  });
});

describe('deadlines', () => {
  it('hands out each item once its second has passed, and never a removed one', () => {
    const deadlines = new Deadlines<string>();
    const a = deadlines.add('a', 10_200);
    deadlines.add('b', 10_900);
    deadlines.add('c', 12_000);
    const d = deadlines.add('d', 12_000);
    deadlines.remove('d', d);
    const due: string[] = [];

    deadlines.expire(10_999, (item) => due.push(item));
    expect(due).toEqual([]);
    deadlines.expire(11_000, (item) => due.push(item));
    expect(due).toEqual(['a', 'b']);
    deadlines.remove('a', a);
    deadlines.expire(20_000, (item) => due.push(item));
    expect(due).toEqual(['a', 'b', 'c']);
    expect(deadlines.size).toBe(0);
  });
});
