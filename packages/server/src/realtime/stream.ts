import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLError } from 'graphql';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/database.js';
import { unauthenticated } from '../graphql/errors.js';
import type { Viewer } from '../policy/viewer.js';
import type { OutboxRow } from './outbox.js';

/** One step of a stream: an event for the viewer as they are now, or the end of their access. */
export type Delivery<T> = { event: T; viewer: Viewer } | { denial: GraphQLError };

/** Close code of a socket whose consumer fell behind; the client resubscribes with its last cursor. */
export const SLOW_CONSUMER_CLOSE = 4413;

/** What a stream is about: how to read its events, who may watch it, which events the viewer may see. */
export interface StreamScope<T> {
  /** The school whose events the stream carries (ids are in commit order within a school). */
  schoolId: string;
  /** The stream's events after `after`, oldest first, at most `limit`. */
  replay(em: EntityManager, after: bigint, limit: number): Promise<OutboxRow[]>;
  /** Null while the viewer may watch the stream; else the error that ends it (FORBIDDEN, NOT_FOUND...). */
  gate(viewer: Viewer): GraphQLError | null;
  /** The GraphQL objects of the rows (null for kinds the stream does not carry), aligned with `rows`. */
  resolve(em: EntityManager, rows: OutboxRow[]): Promise<(T | null)[]>;
  /** Whether the viewer may see the event: the policy's type rule of the event type. */
  visible(viewer: Viewer, event: T): boolean;
}

/** What a connection needs of its WebSocket: its unsent bytes, and a way to close it. */
export interface LiveSocket {
  /** Bytes handed to the socket and not yet taken by the kernel (ws's `bufferedAmount`). */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

/**
 * One WebSocket connection: its viewer, reloaded for each batch of events (a withdrawn consent or an
 * ended guardianship stops delivery at the next event), and the number of events waiting for it.
 *
 * Events wait for two reasons, told apart by the socket itself. A burst of events, or a busy process,
 * queues events for every connection alike: past `queueLimit` the streams drop what they buffered and
 * read it back from the outbox after their cursors, so memory stays bounded and nothing is lost. A
 * client that does not read its socket is different: the kernel stops taking our bytes, they stay in
 * the socket's buffer (graphql-ws sends the next event only once the previous one was written), and a
 * connection over the limit with unsent bytes is closed as a slow consumer.
 */
export class LiveConnection {
  private pending = 0;
  private overflowed = false;
  /** Open streams of this socket: halted together when it falls behind, caught up together on a burst. */
  readonly streams = new Set<{ halt(): void; catchUp(): void }>();
  private reload: { startedAt: number; promise: Promise<Viewer | null> } | null = null;

  constructor(
    private readonly loadViewer: () => Promise<Viewer | null>,
    private readonly opts: { queueLimit: number; socket?: LiveSocket; onSlowConsumer?: () => void },
  ) {}

  /**
   * The viewer as of a load that started at or after `since`. Events taken at `since` were committed
   * before it, so a withdrawal committed before them is seen. Concurrent streams of the socket share a load.
   */
  viewerSince(since: number): Promise<Viewer | null> {
    if (this.reload && this.reload.startedAt >= since) return this.reload.promise;
    const startedAt = performance.now();
    const promise = this.loadViewer();
    this.reload = { startedAt, promise };
    promise.catch(() => {
      if (this.reload?.promise === promise) this.reload = null;
    });
    return promise;
  }

  /** Events routed to a stream of this socket and not yet taken by it. */
  get queued() {
    return this.pending;
  }

  queue(n: number) {
    this.pending += n;
    if (this.pending <= this.opts.queueLimit || this.overflowed) return;
    if (!this.opts.socket?.bufferedAmount) {
      // The socket drains: the backlog is ours, not the client's.
      for (const stream of this.streams) stream.catchUp();
      return;
    }
    this.overflowed = true;
    // Nothing more is read or queued for this socket. The streams are not completed (a `complete`
    // message would tell the client the subscription ended normally): the close code says why.
    for (const stream of this.streams) stream.halt();
    this.opts.socket.close(SLOW_CONSUMER_CLOSE, 'Too many events queued: resubscribe with the last event id');
    this.opts.onSlowConsumer?.();
  }

  taken(n: number) {
    this.pending -= n;
  }
}

/**
 * A subscription's event source (graphql-js pulls it; graphql-ws pulls again only after the previous
 * message was written to the socket). First a replay of the outbox after the cursor, page by page; then
 * live rows routed here by the hub, buffered from the moment the stream was attached, so nothing that
 * commits during the replay is missed; rows at or below the cursor are dropped, so nothing comes twice.
 * Each batch is read with a fresh EntityManager fork and checked against a freshly loaded viewer.
 *
 * Written by hand rather than as an async generator: `return()` must end a stream that is waiting for
 * the next event at once (a generator would queue it behind the pending `next()`).
 */
export class LiveStream<T> implements AsyncIterableIterator<Delivery<T>> {
  private live: OutboxRow[] = [];
  private ready: Delivery<T>[] = [];
  private needReplay: boolean;
  private ended = false;
  private halted = false;
  private endAfterReady = false;
  private wake: (() => void) | null = null;
  /** Consecutive attempts that found the database unavailable. */
  private outage = 0;
  /** Called once when the stream ends (detaches it from the hub). */
  onEnd: () => void = () => {};

  constructor(
    private readonly orm: MikroORM,
    private readonly conn: LiveConnection,
    private readonly scope: StreamScope<T>,
    /** The last event id accounted for: delivered, skipped, or before the stream began. */
    private cursor: bigint,
    replay: boolean,
    private readonly log?: Logger,
    private readonly pageSize = 100,
  ) {
    this.needReplay = replay;
    conn.streams.add(this);
  }

  setCursor(cursor: bigint) {
    this.cursor = cursor;
  }

  /** From the hub: a committed row of this stream's audience. */
  push(row: OutboxRow) {
    if (this.ended || this.halted || row.schoolId !== this.scope.schoolId) return;
    this.live.push(row);
    this.conn.queue(1);
    this.signal();
  }

  /** From the hub: rows may have been missed; re-read the outbox after the cursor. */
  resync() {
    if (this.ended || this.halted) return;
    this.needReplay = true;
    this.signal();
  }

  private signal() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<Delivery<T>>> {
    try {
      return await this.step();
    } catch (err) {
      // graphql-ws reports the error and forgets the operation without calling return(): detach here.
      this.end();
      throw err;
    }
  }

  /** The connection has too many events queued but its socket drains: drop the buffer, re-read the outbox after the cursor. */
  catchUp() {
    if (this.ended || this.halted) return;
    this.conn.taken(this.live.length);
    this.live = [];
    this.needReplay = true;
    this.signal();
  }

  /** The socket fell behind and is being closed: drop what is queued and wait for `return()`. */
  halt() {
    this.halted = true;
    this.conn.taken(this.live.length);
    this.live = [];
    this.ready = [];
    this.needReplay = false;
  }

  private async step(): Promise<IteratorResult<Delivery<T>>> {
    for (;;) {
      if (this.ended) return { value: undefined, done: true };
      if (this.halted) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (this.ready.length) return { value: this.ready.shift()!, done: false };
      if (this.endAfterReady) {
        this.end();
        return { value: undefined, done: true };
      }
      try {
        if (this.needReplay) {
          this.needReplay = false;
          const since = performance.now();
          const rows = await this.scope.replay(this.orm.em.fork(), this.cursor, this.pageSize);
          if (rows.length === this.pageSize) this.needReplay = true;
          await this.process(rows, since);
        } else if (this.live.length) {
          const since = performance.now();
          const batch = this.live.splice(0, this.pageSize);
          this.conn.taken(batch.length);
          await this.process(
            batch.filter((row) => BigInt(row.id) > this.cursor),
            since,
          );
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
        this.outage = 0;
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        await this.waitForDatabase(err);
      }
    }
  }

  /**
   * The database is out of reach (down, restarting): the subscription is held, not failed. Nothing after
   * the cursor was delivered, so the outbox is re-read from it once the listener reconnects (its resync
   * wakes the stream) or, failing that, after a back-off of 1 s doubling to 16 s.
   */
  private async waitForDatabase(err: unknown) {
    if (this.outage++ === 0) this.log?.warn({ err }, 'realtime: the database is unavailable; the stream waits for it');
    this.needReplay = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000 * 2 ** Math.min(this.outage - 1, 4));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async process(rows: OutboxRow[], since: number) {
    if (!rows.length || this.ended) return;
    // The viewer and the objects are read at the same time; the policy decides once both are in.
    const [viewer, events] = await Promise.all([this.conn.viewerSince(since), this.scope.resolve(this.orm.em.fork(), rows)]);
    if (this.ended || this.halted) return;
    const denial = viewer ? this.scope.gate(viewer) : unauthenticated('The session has ended: sign in again.', 'SESSION_ENDED');
    if (denial || !viewer) {
      this.ready.push({ denial: denial ?? unauthenticated() });
      this.endAfterReady = true;
      return;
    }
    rows.forEach((row, i) => {
      // Ids within the stream's school only grow; the cursor moves past events the viewer may not see too.
      if (BigInt(row.id) <= this.cursor) return;
      this.cursor = BigInt(row.id);
      const event = events[i];
      if (event && this.scope.visible(viewer, event)) this.ready.push({ event, viewer });
    });
  }

  async return(): Promise<IteratorResult<Delivery<T>>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(err?: unknown): Promise<IteratorResult<Delivery<T>>> {
    this.end();
    throw err;
  }

  private end() {
    if (this.ended) return;
    this.ended = true;
    this.conn.streams.delete(this);
    this.conn.taken(this.live.length);
    this.live = [];
    this.ready = [];
    this.onEnd();
    this.signal();
  }
}
