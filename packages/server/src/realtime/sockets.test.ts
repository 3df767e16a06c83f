/**
 * The timers of every WebSocket of a process, kept by one interval (sockets.ts): keep-alive, the wait for
 * `connection_init`, and session expiry. A bare `ws` server with the timers shortened; clients in this
 * process.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type Server as WsServer } from 'ws';
import { Deadlines, SocketTimers, TimedSocket } from './sockets.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let http: Server | undefined;
let wss: WsServer<typeof TimedSocket>;
let timers: SocketTimers;
const clients: WebSocket[] = [];

/** A server whose sockets are watched by `timers`, and its sockets in the order they opened. */
async function watchedServer(settings: { keepAliveMs: number; pingSliceMs?: number; initWaitMs: number }) {
  const server = (http = createServer());
  wss = new WebSocketServer({ server: http, WebSocket: TimedSocket });
  const expired: WebSocket[] = [];
  const onExpired = (socket: WebSocket) => {
    expired.push(socket);
    socket.close(4403, 'Session ended');
  };
  // This server's sockets report to its own timers, also when they close after the next test began.
  const own = (timers = new SocketTimers({ ...settings, tickMs: 20, onExpired }));
  const opened: TimedSocket[] = [];
  wss.on('connection', (socket) => {
    opened.push(socket);
    own.opened(socket);
    socket.on('close', () => own.closed(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, opened, expired };
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
  const server = http;
  if (!server) return;
  http = undefined;
  for (const ws of clients.splice(0)) ws.terminate();
  timers.stop();
  wss.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('keep-alive', () => {
  it('terminates a socket that does not answer pings, and keeps one that does', async () => {
    const { url } = await watchedServer({ keepAliveMs: 100, pingSliceMs: 25, initWaitMs: 60_000 });
    const answering = await connect(url);
    const silent = await connect(url, { autoPong: false });

    // Pinged within 100 ms, found silent 100 ms later: ended without a closing handshake.
    expect(await state(silent.closed, 600)).toBe(1006);
    expect(await state(answering.closed, 200)).toBe('open');
  });
});

/** A socket as the keep-alive sees it: the times it was pinged at, answered unless it is silent. */
class PingedSocket extends EventEmitter {
  readonly OPEN = WebSocket.OPEN;
  readyState: number = WebSocket.OPEN;
  initBucket: number | undefined = undefined;
  expiryBucket: number | undefined = undefined;
  keepAliveSlice: number | undefined = undefined;
  readonly pings: number[] = [];
  terminatedAt: number | null = null;

  constructor(private readonly answers: boolean) {
    super();
  }

  ping() {
    this.pings.push(Date.now());
    if (this.answers) this.emit('pong');
  }

  terminate() {
    this.terminatedAt = Date.now();
    this.emit('close');
  }
}

describe('keep-alive spread over the period', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings one slice of the sockets per tick, each once a period, and ends a silent one a whole period after its ping', () => {
    vi.useFakeTimers();
    const keepAlive = new SocketTimers({ keepAliveMs: 1000, pingSliceMs: 100, initWaitMs: 60_000, onExpired: () => {} });
    try {
      const sockets = Array.from({ length: 30 }, (_, i) => new PingedSocket(i !== 7));
      for (const socket of sockets) {
        const timed = socket as unknown as TimedSocket;
        keepAlive.opened(timed);
        socket.on('close', () => keepAlive.closed(timed));
      }

      // Ten ticks a period, three sockets on each: never all thirty at once.
      for (let tick = 0; tick < 10; tick++) {
        vi.advanceTimersByTime(100);
        expect(sockets.filter((s) => s.pings.at(-1) === Date.now())).toHaveLength(3);
      }
      expect(sockets.map((s) => s.pings.length)).toEqual(sockets.map(() => 1));

      // The silent one is ended at its next turn, a whole period after its ping, not a tick before.
      const silent = sockets[7];
      const closing = sockets[3];
      closing.emit('close');
      vi.advanceTimersByTime(silent.pings[0] + 1000 - Date.now() - 1);
      expect(silent.terminatedAt).toBeNull();
      vi.advanceTimersByTime(1);
      expect(silent.terminatedAt).toBe(silent.pings[0] + 1000);

      // Every other open socket: pinged again a period after its first ping; the closed one is forgotten.
      vi.advanceTimersByTime(1000);
      for (const socket of sockets.filter((s) => s !== silent && s !== closing)) expect(socket.pings[1] - socket.pings[0]).toBe(1000);
      expect(silent.pings).toHaveLength(1);
      expect(closing.pings).toHaveLength(1);
    } finally {
      keepAlive.stop();
    }
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
