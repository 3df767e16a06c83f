/**
 * graphql-ws on our `ws` server with the timers of every socket kept process-wide (issue 16, P4: an idle
 * connection should cost little more than a bare `ws` one). graphql-ws's own `useServer` keeps, per socket,
 * a keep-alive interval and pong timeout, an initialisation timer (kept after it is cleared), and several
 * listeners; here its `makeServer` speaks the protocol, and one interval of the process does the rest:
 *
 * - keep-alive: every `keepAliveMs` each open socket is pinged; one that did not answer the previous ping
 *   is terminated (as graphql-ws's: a ping every 12 s, no pong within the next 12 s ends the socket);
 * - connection initialisation: a socket that sent no `connection_init` within `initWaitMs` is closed
 *   with 4408 (graphql-ws's own timer is turned off);
 * - session expiry: a socket is kept in the bucket of the second its session expires (wall clock, as
 *   `session.expires_at` is stamped) and closed with `onExpired` once that second has passed (within a
 *   second after it).
 *
 * Listeners shared by all sockets are functions made once; each socket has two of its own (its messages
 * and its close, which reach graphql-ws's state for it).
 */
import { CloseCode, handleProtocols, type Server, type WebSocket as ProtocolSocket } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';

/** Items kept until a second of the wall clock: one set per second, so a second's items are found without a timer each. */
export class Deadlines<T> {
  private readonly buckets = new Map<number, Set<T>>();

  /** Keeps `item` until `atMs` (rounded up to a whole second); returns the second to `remove` it from. */
  add(item: T, atMs: number): number {
    const second = Math.ceil(atMs / 1000);
    let bucket = this.buckets.get(second);
    if (!bucket) this.buckets.set(second, (bucket = new Set()));
    bucket.add(item);
    return second;
  }

  remove(item: T, second: number) {
    const bucket = this.buckets.get(second);
    if (bucket?.delete(item) && !bucket.size) this.buckets.delete(second);
  }

  /** Takes out every item whose second has passed by `nowMs` and hands it to `due`. */
  expire(nowMs: number, due: (item: T) => void) {
    for (const [second, bucket] of this.buckets) {
      if (second * 1000 > nowMs) continue;
      this.buckets.delete(second);
      for (const item of bucket) due(item);
    }
  }

  get size() {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.size;
    return n;
  }
}

/** What graphql-ws's state of a socket carries here (its `extra`): the socket, and the second its deadlines are kept under. */
export interface SocketExtra {
  readonly socket: WebSocket;
  /** The second of `initWait` the socket waits in until its `connection_init` arrives (`initialised`). */
  initBucket?: number;
  /** The second of the session's expiry the socket is kept under (`expiresAt`). */
  expiryBucket?: number;
}

export interface SocketTimersSettings {
  /** Every socket pinged this often; one silent for a whole period is terminated (0: no keep-alive). */
  keepAliveMs: number;
  /** A socket that sent no `connection_init` by then is closed with 4408. */
  initWaitMs: number;
  /** A socket whose session expired: closed by the caller (4403). */
  onExpired: (socket: WebSocket) => void;
  /** How often due deadlines are looked for (1 s; tests shorten it). */
  tickMs?: number;
}

/** The timers of all sockets of one server: a tick every second, a keep-alive round every `keepAliveMs`. */
export class SocketTimers {
  private readonly unanswered = new Set<WebSocket>();
  private readonly initWait = new Deadlines<WebSocket>();
  private readonly expiry = new Deadlines<WebSocket>();
  private readonly ticker: NodeJS.Timeout;
  private readonly keepAlive: NodeJS.Timeout | undefined;
  /** The one pong listener of every socket (ws calls it with the socket as `this`). */
  private readonly pong: (this: WebSocket) => void;

  constructor(
    private readonly sockets: ReadonlySet<WebSocket>,
    private readonly settings: SocketTimersSettings,
  ) {
    const unanswered = this.unanswered;
    this.pong = function (this: WebSocket) {
      unanswered.delete(this);
    };
    this.ticker = setInterval(() => this.tick(), settings.tickMs ?? 1000).unref();
    if (settings.keepAliveMs > 0) this.keepAlive = setInterval(() => this.ping(), settings.keepAliveMs).unref();
  }

  /** A new socket: watched until its `connection_init` arrives, answering pings from now on. */
  opened(extra: SocketExtra) {
    const socket = extra.socket;
    extra.initBucket = this.initWait.add(socket, Date.now() + this.settings.initWaitMs);
    socket.on('pong', this.pong);
  }

  /** Its `connection_init` arrived. */
  initialised(extra: SocketExtra) {
    if (extra.initBucket === undefined) return;
    this.initWait.remove(extra.socket, extra.initBucket);
    extra.initBucket = undefined;
  }

  /** The socket's session expires at `at`: it is closed then (`onExpired`). */
  expiresAt(extra: SocketExtra, at: Date) {
    extra.expiryBucket = this.expiry.add(extra.socket, at.getTime());
  }

  closed(extra: SocketExtra) {
    this.initialised(extra);
    if (extra.expiryBucket !== undefined) this.expiry.remove(extra.socket, extra.expiryBucket);
    extra.expiryBucket = undefined;
    this.unanswered.delete(extra.socket);
  }

  /** Sockets waiting for their initialisation or their session's expiry (for tests). */
  get watched() {
    return this.initWait.size + this.expiry.size;
  }

  private tick() {
    // The wall clock, not the injected one: `session.expires_at` is stamped with it (`startSession`) and
    // checked against the database's clock by the viewer query; a pinned test clock would close sockets early or never.
    const now = Date.now();
    this.initWait.expire(now, (socket) => socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout'));
    this.expiry.expire(now, (socket) => this.settings.onExpired(socket));
  }

  private ping() {
    for (const socket of this.sockets) {
      if (socket.readyState !== socket.OPEN) continue;
      if (this.unanswered.has(socket)) {
        this.unanswered.delete(socket);
        socket.terminate();
        continue;
      }
      this.unanswered.add(socket);
      socket.ping();
    }
  }

  stop() {
    clearInterval(this.ticker);
    clearInterval(this.keepAlive);
  }
}

/** What graphql-ws's `makeServer` needs of a socket, as one object with its methods on the prototype (no closures per socket). */
class ProtocolAdapter implements ProtocolSocket {
  constructor(
    private readonly ws: WebSocket,
    private readonly onError: (err: unknown, ws: WebSocket) => void,
  ) {}

  get protocol() {
    return this.ws.protocol;
  }

  send(data: string): Promise<void> {
    const ws = this.ws;
    return new Promise((resolve, reject) => {
      if (ws.readyState !== ws.OPEN) return resolve();
      ws.send(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(code: number, reason: string) {
    this.ws.close(code, reason);
  }

  onMessage(cb: (data: string) => Promise<void>) {
    // ws hands every message over as one Buffer (its default binaryType).
    this.ws.on('message', (data: Buffer) => {
      cb(data.toString()).catch((err: unknown) => this.onError(err, this.ws));
    });
  }
}

/**
 * graphql-ws's protocol (`makeServer`) on every socket of `wss`, like its `useServer` but with the sockets'
 * timers in `timers`. `extraOf` makes a socket's state from its upgrade request, which is not kept.
 */
export function serveGraphqlWs<E extends SocketExtra>(
  wss: WebSocketServer,
  server: Server<E>,
  opts: {
    extraOf: (socket: WebSocket, request: IncomingMessage) => E;
    timers: SocketTimers;
    /** An error of the server, a socket or an operation's handling: the socket is closed with 1011. */
    onError: (err: unknown) => void;
  },
): { dispose(): Promise<void> } {
  const { timers } = opts;
  const internalError = (err: unknown, ws: WebSocket) => {
    opts.onError(err);
    ws.close(CloseCode.InternalServerError, 'Internal server error');
  };
  // One listener for every socket's errors (ws emits protocol errors on the socket: unheard, they would end the process).
  function socketError(this: WebSocket, err: Error) {
    internalError(err, this);
  }
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (err) => {
    opts.onError(err);
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wss.on('connection', (socket, request) => {
    socket.on('error', socketError);
    const extra = opts.extraOf(socket, request);
    timers.opened(extra);
    const closed = server.opened(new ProtocolAdapter(socket, internalError), extra);
    socket.on('close', (code: number, reason: Buffer) => {
      timers.closed(extra);
      closed(code, String(reason)).catch(opts.onError);
    });
  });
  return {
    async dispose() {
      timers.stop();
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
