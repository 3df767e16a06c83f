/**
 * graphql-ws's protocol on our `ws` server, at the cost of little more than a bare `ws` connection per idle
 * socket (issue 16, P4). graphql-ws's `useServer`/`makeServer` keep, per socket, a set of closures, timers
 * and listeners, and per subscription a suspended `for await` with its message and execution arguments;
 * here graphql-ws's own pieces (message parsing and validation, close codes, protocol negotiation) drive
 * one `GraphqlWsSocket` per connection whose listeners are shared, and one interval of the process keeps
 * every socket's timers:
 *
 * - keep-alive: every `keepAliveMs` each open socket is pinged; one that did not answer its previous ping
 *   is terminated (as graphql-ws's: a ping every 12 s, no pong within the next 12 s ends the socket). The
 *   round is spread over the period: each socket belongs to one of its slices (one every `pingSliceMs`,
 *   100 ms), and each tick pings one slice, so 10,000 sockets are 80-odd pings (and pongs) at a time, not
 *   one loop of tens of milliseconds in which no event is delivered (issue 16, P1's tail);
 * - connection initialisation: a socket that sent no `connection_init` within `initWaitMs` is closed
 *   with 4408;
 * - session expiry: a socket is kept in the bucket of the second its session expires (wall clock, as
 *   `session.expires_at` is stamped) and closed with `onExpired` once that second has passed (within a
 *   second after it).
 */
import { execute, getOperationAST, GraphQLError, OperationTypeNode, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import {
  CloseCode,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  handleProtocols,
  MessageType,
  parseMessage,
  stringifyMessage,
  type Message,
  type SubscribePayload,
} from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import WebSocket, { type Server } from 'ws';
import type { ResultSink } from './delivery.js';
import type { LiveConnection } from './stream.js';

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

/**
 * A `ws` socket that carries the seconds its deadlines are kept under (`SocketTimers`): the server makes
 * its sockets of this class (ws's `WebSocket` option), so a socket's state is fields of the socket itself.
 */
export class TimedSocket extends WebSocket {
  /** The second of `initWait` the socket waits in until its `connection_init` arrives (`initialised`). */
  initBucket: number | undefined = undefined;
  /** The second of the session's expiry the socket is kept under (`expiresAt`). */
  expiryBucket: number | undefined = undefined;
  /** The slice of the keep-alive round that pings it, from its opening on. */
  keepAliveSlice: number | undefined = undefined;
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
  /** The keep-alive round is spread over ticks this far apart, a slice of the sockets pinged on each (100 ms). */
  pingSliceMs?: number;
}

/**
 * The timers of all sockets of one server: a tick every second for the deadlines; the keep-alive round
 * spread over `keepAliveMs`, one slice of the sockets pinged every `pingSliceMs`.
 */
export class SocketTimers {
  private readonly unanswered = new Set<WebSocket>();
  private readonly initWait = new Deadlines<WebSocket>();
  private readonly expiry = new Deadlines<WebSocket>();
  /** The keep-alive round's slices: each pinged once per `keepAliveMs`, in turn (none without keep-alive). */
  private readonly slices: Set<TimedSocket>[];
  /** The slice the next keep-alive tick pings. */
  private nextSlice = 0;
  /** The slice the next opened socket joins: in turn, so sockets opened together are pinged apart. */
  private joinSlice = 0;
  private readonly ticker: NodeJS.Timeout;
  private readonly keepAlive: NodeJS.Timeout | undefined;
  /** The one pong listener of every socket (ws calls it with the socket as `this`). */
  private readonly pong: (this: WebSocket) => void;

  constructor(private readonly settings: SocketTimersSettings) {
    const unanswered = this.unanswered;
    this.pong = function (this: WebSocket) {
      unanswered.delete(this);
    };
    this.ticker = setInterval(() => this.tick(), settings.tickMs ?? 1000).unref();
    const slices = settings.keepAliveMs > 0 ? Math.max(1, Math.round(settings.keepAliveMs / (settings.pingSliceMs ?? 100))) : 0;
    this.slices = Array.from({ length: slices }, () => new Set<TimedSocket>());
    if (slices) this.keepAlive = setInterval(() => this.ping(), settings.keepAliveMs / slices).unref();
  }

  /** A new socket: watched until its `connection_init` arrives, pinged from now on, answering pings. */
  opened(socket: TimedSocket) {
    socket.initBucket = this.initWait.add(socket, Date.now() + this.settings.initWaitMs);
    if (this.slices.length) {
      socket.keepAliveSlice = this.joinSlice;
      this.slices[this.joinSlice].add(socket);
      this.joinSlice = (this.joinSlice + 1) % this.slices.length;
    }
    socket.on('pong', this.pong);
  }

  /** Its `connection_init` arrived. */
  initialised(socket: TimedSocket) {
    if (socket.initBucket === undefined) return;
    this.initWait.remove(socket, socket.initBucket);
    socket.initBucket = undefined;
  }

  /** The socket's session expires at `at`: it is closed then (`onExpired`). */
  expiresAt(socket: TimedSocket, at: Date) {
    socket.expiryBucket = this.expiry.add(socket, at.getTime());
  }

  closed(socket: TimedSocket) {
    this.initialised(socket);
    if (socket.expiryBucket !== undefined) this.expiry.remove(socket, socket.expiryBucket);
    socket.expiryBucket = undefined;
    if (socket.keepAliveSlice !== undefined) this.slices[socket.keepAliveSlice].delete(socket);
    socket.keepAliveSlice = undefined;
    this.unanswered.delete(socket);
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

  /** One slice of the keep-alive round: each of its sockets is pinged, or terminated if it did not answer the previous ping, `keepAliveMs` ago. */
  private ping() {
    const slice = this.slices[this.nextSlice];
    this.nextSlice = (this.nextSlice + 1) % this.slices.length;
    for (const socket of slice) {
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

/** A subscription's results as the socket takes them: each handed to a sink when it is ready (delivery.ts's `FramePump`). */
export interface LiveResults {
  pull(sink: ResultSink): void;
  return(): Promise<unknown>;
}

/**
 * An operation of a socket under way: a query or mutation being executed, or a subscription. A subscription
 * is the sink of its results: waiting for the next one, it keeps no promise or closure of its own.
 */
class Operation implements ResultSink {
  /** Counted against the socket's subscription limit. */
  subscription = false;
  /** A subscription's results, once its stream is open. */
  results: LiveResults | null = null;

  constructor(
    readonly id: string,
    readonly socket: GraphqlWsSocket,
    private readonly protocol: GraphqlWsProtocol,
  ) {}

  result(step: IteratorResult<ExecutionResult>) {
    this.protocol.stepped(this, step);
  }

  fail(err: unknown) {
    this.protocol.failed(this, err);
  }
}

const NO_OPERATIONS: readonly Operation[] = [];

/**
 * A socket speaking graphql-transport-ws: its whole state, as fields of the socket (issue 16, P4: one small
 * object per connection, no closures of its own). Its listeners are functions shared by every socket.
 */
export class GraphqlWsSocket extends TimedSocket {
  /** 0: waiting for `connection_init`; 1: received, being decided; 2: acknowledged. */
  phase: 0 | 1 | 2 = 0;
  /** The client's address, from its upgrade request (the request is not kept). */
  ip: string | null = null;
  /** Its state for live delivery, once acknowledged: session, queued events, streams. */
  live: LiveConnection | undefined = undefined;
  /**
   * Operations under way, null once closed: at most the hooks' `operationLimit` (a few dozen), in an array of their
   * number (smaller than a map), so that finding or dropping one costs at most that many steps.
   */
  operations: readonly Operation[] | null = NO_OPERATIONS;
}

/** What the server decides per socket and operation (app.ts): the session, the operation's execution, errors. */
export interface GraphqlWsHooks {
  /** A `connection_init` with its payload: whether the socket is acknowledged (false: closed with 4403, unless the hook closed it). */
  connect(socket: GraphqlWsSocket, params: Readonly<Record<string, unknown>> | undefined): Promise<boolean>;
  /** A `subscribe` message: how to execute it (documents checked, context made), or the errors that refuse it. */
  prepare(socket: GraphqlWsSocket, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]>;
  /** A subscription operation: its results (delivery.ts's `liveSubscribe`), or the result that refuses it. */
  subscribe(args: ExecutionArgs): Promise<LiveResults | ExecutionResult>;
  /** Subscriptions one socket may hold at once, and the error that refuses one more. */
  subscriptionLimit: number;
  tooManySubscriptions(): GraphQLError;
  /** Operations (queries, mutations, subscriptions) one socket may have under way at once, and the error that refuses one more unrun. */
  operationLimit: number;
  tooManyOperations(): GraphQLError;
  /** An error as the client sees it. */
  readonly format: (e: GraphQLError) => GraphQLFormattedError;
  /** The socket closed (after its subscriptions were ended). */
  closed(socket: GraphqlWsSocket): void;
  /** An error of the server, a socket or an operation's handling: the socket is closed with 1011. */
  onError(err: unknown): void;
}

const ACK = stringifyMessage({ type: MessageType.ConnectionAck });
const PONG = stringifyMessage({ type: MessageType.Pong });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Sends one message; resolves once the socket took it (or at once if it is closing): a subscription sends its next result only then. */
function send(socket: WebSocket, data: string): Promise<void> {
  if (socket.readyState !== socket.OPEN) return Promise.resolve();
  return new Promise((resolve) => socket.send(data, () => resolve()));
}

/** Whether the operation is still its socket's (not completed by the client, the socket not closed). */
const held = (op: Operation) => op.socket.operations?.includes(op) ?? false;

/** Takes the operation off its socket; false if it was not there any more. */
function drop(op: Operation): boolean {
  if (!held(op)) return false;
  op.socket.operations = op.socket.operations!.filter((o) => o !== op);
  return true;
}

/**
 * graphql-ws's protocol (graphql-transport-ws: its message parsing and validation, close codes and replies,
 * as its `makeServer` answers them) for every socket of a server, one object for all of them.
 */
class GraphqlWsProtocol {
  constructor(
    private readonly hooks: GraphqlWsHooks,
    private readonly timers: SocketTimers,
  ) {}

  internalError(err: unknown, socket: WebSocket) {
    this.hooks.onError(err);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  }

  async handle(socket: GraphqlWsSocket, data: string) {
    let message: Message;
    try {
      message = parseMessage(data);
    } catch {
      return socket.close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        if (socket.phase !== 0) return socket.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        socket.phase = 1;
        this.timers.initialised(socket);
        if (!(await this.hooks.connect(socket, isObject(message.payload) ? message.payload : undefined))) {
          return socket.close(CloseCode.Forbidden, 'Forbidden');
        }
        socket.phase = 2;
        return send(socket, ACK);
      case MessageType.Ping:
        return send(socket, message.payload ? stringifyMessage({ type: MessageType.Pong, payload: message.payload }) : PONG);
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        return this.subscribe(socket, message.id, message.payload);
      case MessageType.Complete: {
        const { id } = message;
        const op = socket.operations?.find((o) => o.id === id);
        if (op && drop(op)) await op.results?.return();
        return;
      }
      default:
        // A message only a server sends (`next`, `error`…): the client's mistake, not ours.
        return socket.close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
    }
  }

  /** The socket closed: its subscriptions end. */
  closed(socket: GraphqlWsSocket) {
    this.timers.closed(socket);
    const operations = socket.operations;
    socket.operations = null;
    for (const op of operations ?? []) op.results?.return().catch((err: unknown) => this.hooks.onError(err));
    this.hooks.closed(socket);
  }

  private async subscribe(socket: GraphqlWsSocket, id: string, payload: SubscribePayload) {
    if (socket.phase !== 2) return socket.close(CloseCode.Unauthorized, 'Unauthorized');
    const operations = socket.operations;
    if (!operations) return;
    if (operations.some((op) => op.id === id)) return socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
    // A client that sends operations faster than they are answered is refused the excess, which is never run.
    if (operations.length >= this.hooks.operationLimit) {
      return send(socket, stringifyMessage({ id, type: MessageType.Error, payload: [this.hooks.format(this.hooks.tooManyOperations())] }));
    }
    const op = new Operation(id, socket, this);
    // Replaced, not grown: an array grown by `push` keeps room for 16.
    socket.operations = [...operations, op];
    try {
      const args = await this.hooks.prepare(socket, id, payload);
      if (isErrors(args)) return await this.refuse(op, args);
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) {
        return await this.refuse(op, [new GraphQLError('Unable to identify operation', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })]);
      }
      if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return await this.answer(op, requestErrorsCoded(await execute(args)));
      // Counted and taken in one step: two subscriptions arriving together cannot both take the last place.
      if (!held(op)) return;
      if (socket.operations.filter((o) => o.subscription).length >= this.hooks.subscriptionLimit) {
        return await this.refuse(op, [this.hooks.tooManySubscriptions()]);
      }
      op.subscription = true;
      const results = await this.hooks.subscribe(args);
      if (!('pull' in results)) return await this.answer(op, requestErrorsCoded(results));
      if (!held(op)) return void (await results.return());
      op.results = results;
      results.pull(op);
    } catch (err) {
      drop(op);
      throw err;
    }
  }

  private next(id: string, result: ExecutionResult) {
    const payload = result.errors ? { ...result, errors: result.errors.map(this.hooks.format) } : result;
    return stringifyMessage({ id, type: MessageType.Next, payload });
  }

  /** The operation's errors, and it ends (graphql-ws's `error` message). */
  private async refuse(op: Operation, errors: readonly GraphQLError[]) {
    if (drop(op)) await send(op.socket, stringifyMessage({ id: op.id, type: MessageType.Error, payload: errors.map(this.hooks.format) }));
  }

  /** A single result (a query, a mutation, a subscription its resolver refused): `next`, then `complete`. */
  private async answer(op: Operation, result: ExecutionResult) {
    if (!held(op)) return;
    await send(op.socket, this.next(op.id, result));
    if (drop(op)) await send(op.socket, stringifyMessage({ id: op.id, type: MessageType.Complete }));
  }

  /** A subscription's next result, sent before the following one is pulled; the stream's end completes it. */
  stepped(op: Operation, step: IteratorResult<ExecutionResult>) {
    if (step.done) {
      if (drop(op)) void send(op.socket, stringifyMessage({ id: op.id, type: MessageType.Complete }));
    } else if (held(op)) {
      void send(op.socket, this.next(op.id, step.value)).then(() => op.results?.pull(op));
    }
  }

  /** A subscription's stream failed: its error, and it ends. */
  failed(op: Operation, err: unknown) {
    const error = err instanceof Error ? err : new Error(String(err));
    void this.refuse(op, [new GraphQLError(error.message, { originalError: error })]);
  }
}

const isErrors = (value: ExecutionArgs | readonly GraphQLError[]): value is readonly GraphQLError[] => Array.isArray(value);

/**
 * graphql-js refuses a request before running anything (variables that do not coerce to their types) with an
 * answer without data whose errors carry no code and no path: the client's mistake, coded as Apollo codes it over
 * HTTP (BAD_USER_INPUT), never shaped as INTERNAL. Errors of a run (a resolver's refusal or failure, a subscription
 * its root field refused) have a path and keep their cause.
 */
function requestErrorsCoded(result: ExecutionResult): ExecutionResult {
  if (!result.errors || result.data !== undefined) return result;
  const errors = result.errors.map((e) =>
    e.extensions.code || e.path
      ? e
      : new GraphQLError(e.message, {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          path: e.path,
          extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
        }),
  );
  return { ...result, errors };
}

/**
 * graphql-ws's protocol on every socket of `wss` (made of `GraphqlWsSocket`s: ws's `WebSocket` option),
 * without a closure set per socket: its listeners are shared, and a subscription keeps one small
 * `Operation` (no suspended `for await` of its own). The sockets' timers are kept in `timers`.
 */
export function serveGraphqlWs(
  wss: Server<typeof GraphqlWsSocket>,
  hooks: GraphqlWsHooks,
  timers: SocketTimers,
  /** The client's address of an upgrade request, which is not kept. */
  clientIp: (request: IncomingMessage) => string | null,
): { dispose(): Promise<void> } {
  const protocol = new GraphqlWsProtocol(hooks, timers);
  // The listeners of every socket: ws calls them with the socket (one of `wss`'s class) as `this`.
  function onMessage(this: WebSocket, data: Buffer) {
    // ws hands every message over as one Buffer (its default binaryType).
    protocol.handle(this as GraphqlWsSocket, data.toString()).catch((err: unknown) => protocol.internalError(err, this));
  }
  function onClose(this: WebSocket) {
    protocol.closed(this as GraphqlWsSocket);
  }
  // Unheard, ws's errors on a socket would end the process. They are the client's (a frame too big, not UTF-8, a bad
  // opcode: ws closes the socket itself with 1009, 1007, 1002) or the network's (a reset): nothing of ours to report.
  function onError() {}

  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (err) => {
    hooks.onError(err);
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wss.on('connection', (socket, request) => {
    socket.on('error', onError);
    socket.on('close', onClose);
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) return socket.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
    socket.ip = clientIp(request);
    timers.opened(socket);
    socket.on('message', onMessage);
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
