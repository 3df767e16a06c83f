import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/database.js';
import { unauthenticated, type AppError } from '../kernel/errors.js';
import type { Viewer, ViewerCache } from '../policy/viewer.js';
import type { AffectedObjects } from './affected.js';
import { EventBatch, SharedFrames } from './shared-frames.js';
import type { OutboxRow } from './outbox.js';

/**
 * One step of a stream: an event for the viewer as they are now (with the frames already made of it for
 * other subscribers, per document and viewer shape), or the end of their access.
 */
export type Delivery<T> = { event: T; viewer: Viewer; shape: string; frames: SharedFrames } | { denial: AppError };

/** Close code of a socket whose consumer fell behind; the client resubscribes with its last cursor. */
export const SLOW_CONSUMER_CLOSE = 4413;

/**
 * What a stream is about: how to read its events, who may watch it, which events the viewer may see. One
 * small object per subscription (realtime.ts has a class per kind of stream, their methods shared).
 */
export interface StreamScope<T> {
  /** The key the hub routes the stream's rows under (`student:<id>`, `class:<id>`, `user:<id>`). */
  readonly audience: string;
  /** The school whose events the stream carries (ids are in commit order within a school). */
  schoolId: string;
  /** The stream's events after `after`, oldest first, at most `limit`. */
  replay(em: EntityManager, after: bigint, limit: number): Promise<OutboxRow[]>;
  /** Null while the viewer may watch the stream; else the error that ends it (FORBIDDEN, NOT_FOUND...). */
  gate(viewer: Viewer): AppError | null;
  /** Whether events are made of the objects they are about (marks, lessons...), read once per batch. */
  readsObjects: boolean;
  /** The GraphQL object of a row (null for kinds the stream does not carry), from the objects read for its batch. */
  build(row: OutboxRow, objects: AffectedObjects | undefined): T | null;
  /** Whether the viewer may see the event: the policy's type rule of the event type. */
  visible(viewer: Viewer, event: T): boolean;
}

/** A live row as the hub hands it to every stream of one audience: the event made once, its frames shared. */
export interface LiveItem<T> {
  row: OutboxRow;
  /** The row's id as a number, parsed once for all its streams. */
  seq: bigint;
  event: T | null;
  frames: SharedFrames;
}

/** Who takes a stream's steps: `next()`'s promise, or delivery.ts's pump. */
export interface StepConsumer<T> {
  step(result: IteratorResult<Delivery<T>>): void;
  fail(err: unknown): void;
}

/** What the streams of a process share: its database and log, their batches, and the hub they detach from when they end. */
export interface StreamHub {
  readonly orm: MikroORM;
  readonly log?: Logger;
  /** The events read together: a replayed page's (live ones come in the hub's batches). */
  batch(): EventBatch;
  /** The stream ended: it gets no more rows. */
  detach(stream: LiveStream<unknown>): void;
}

/** What every connection of a process shares: its limit of queued events, and who hears of slow consumers. */
export interface ConnectionLimits {
  readonly queueLimit: number;
  onSlowConsumer?(): void;
}

/** ws sends a Buffer as a binary message unless told: these are graphql-ws's text messages. */
const TEXT = { binary: false } as const;

/** Rows read from the outbox at once by a replaying stream. */
const REPLAY_PAGE = 100;

/** What a connection needs of its WebSocket: its unsent bytes, and a way to close it. */
export interface LiveSocket {
  /** Bytes handed to the socket and not yet taken by the kernel (ws's `bufferedAmount`). */
  readonly bufferedAmount: number;
  readonly readyState: number;
  readonly OPEN: number;
  /** A Buffer is sent as text too (`binary: false`): a message encoded once for many sockets. */
  send(data: string | Buffer, options: { binary: false }, done: (err?: Error) => void): void;
  close(code: number, reason: string): void;
}

/**
 * One WebSocket connection: its session (whose viewer the process keeps, `ViewerCache`: a withdrawn
 * consent or an ended guardianship invalidates it before the next event arrives), its socket, and the
 * number of events waiting for it.
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
  /**
   * Open streams of this socket, halted together when it falls behind, caught up together on a burst: a few,
   * in an array of their number (smaller than a set; replaced, not grown: one grown by `push` keeps room for 16).
   */
  streams: readonly { halt(): void; catchUp(): void }[] = [];

  constructor(
    readonly viewers: ViewerCache,
    readonly token: string,
    private readonly socket: LiveSocket,
    private readonly limits: ConnectionLimits,
  ) {}

  /**
   * The viewer for live rows: kept by the process until the facts behind it change. Every change committed
   * before a live row was announced before it on the same feed, so the kept viewer has it.
   */
  viewer(): Promise<Viewer | null> {
    return this.viewers.get(this.token);
  }

  /** The viewer loaded now: for rows read from the outbox (a replay reads rows whose announcements may not have arrived yet). */
  freshViewer(): Promise<Viewer | null> {
    return this.viewers.fresh(this.token);
  }

  /** Sends one text message (UTF-8, made once for many sockets); resolves once the socket took it (graphql-ws pulls the next event only then, too). */
  send(message: Buffer): Promise<void> {
    const socket = this.socket;
    if (socket.readyState !== socket.OPEN) return Promise.resolve();
    return new Promise((resolve) => socket.send(message, TEXT, () => resolve()));
  }

  /** The session has no viewer any more (logout, expiry, deactivation): the socket is closed with `code`. */
  endSession(code: number) {
    this.socket.close(code, 'Session ended');
  }

  /** Events routed to a stream of this socket and not yet taken by it. */
  get queued() {
    return this.pending;
  }

  queue(n: number) {
    this.pending += n;
    if (this.pending <= this.limits.queueLimit || this.overflowed) return;
    if (!this.socket.bufferedAmount) {
      // The socket drains: the backlog is ours, not the client's.
      for (const stream of this.streams) stream.catchUp();
      return;
    }
    this.overflowed = true;
    // Nothing more is read or queued for this socket. The streams are not completed (a `complete`
    // message would tell the client the subscription ended normally): the close code says why.
    for (const stream of this.streams) stream.halt();
    this.socket.close(SLOW_CONSUMER_CLOSE, 'Too many events queued: resubscribe with the last event id');
    this.limits.onSlowConsumer?.();
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
 * Live rows come with their event already made by the hub (once for every stream of their audience);
 * replayed rows are read and made here, with a fresh EntityManager fork and a freshly loaded viewer.
 *
 * Written by hand rather than as an async generator: `return()` must end a stream that is waiting for
 * the next event at once (a generator would queue it behind the pending `next()`).
 */
export class LiveStream<T> implements AsyncIterableIterator<Delivery<T>> {
  private live: LiveItem<T>[] = [];
  private ready: Delivery<T>[] = [];
  private needReplay: boolean;
  private ended = false;
  private halted = false;
  private endAfterReady = false;
  /** Resolves the wait for the database (`waitForDatabase`). */
  private wake: (() => void) | null = null;
  /** Who waits for the next step while there is none. */
  private parked: StepConsumer<T> | null = null;
  /** Consecutive attempts that found the database unavailable. */
  private outage = 0;

  constructor(
    private readonly hub: StreamHub,
    private readonly conn: LiveConnection,
    private readonly scope: StreamScope<T>,
    /** The last event id accounted for: delivered, skipped, or before the stream began. */
    private cursor: bigint,
    replay: boolean,
  ) {
    this.needReplay = replay;
    conn.streams = [...conn.streams, this];
  }

  /** For the hub: the key its rows are routed under. */
  get audience() {
    return this.scope.audience;
  }

  setCursor(cursor: bigint) {
    this.cursor = cursor;
  }

  /** For the hub: whether this stream's events are made of objects read per batch. */
  get readsObjects() {
    return this.scope.readsObjects;
  }

  /** For the hub: the event of a live row, made once for every stream of the same audience. */
  build(row: OutboxRow, objects: AffectedObjects | undefined): T | null {
    return this.scope.build(row, objects);
  }

  /** From the hub: a committed row of this stream's audience, its event made. */
  push(item: LiveItem<T>) {
    if (this.ended || this.halted || item.row.schoolId !== this.scope.schoolId) return;
    this.live.push(item);
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
    const parked = this.parked;
    this.parked = null;
    if (parked) this.take(parked);
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<Delivery<T>>> {
    return new Promise((resolve, reject) => this.take({ step: resolve, fail: reject }));
  }

  /**
   * Hands the next step to `consumer` once there is one (delivery.ts pulls this way, `next()` too). An idle
   * subscription keeps only its parked consumer: no suspended async call, no promise or closure of its own
   * (those keep a few hundred bytes each for every one of thousands of idle subscriptions).
   */
  take(consumer: StepConsumer<T>) {
    this.step().then(
      (result) => {
        if (result) return consumer.step(result);
        this.parked = consumer;
        // Work may have come between the step's answer and now.
        if (this.ended || this.ready.length || this.endAfterReady || (!this.halted && (this.needReplay || this.live.length))) this.signal();
      },
      (err: unknown) => {
        // graphql-ws reports the error and forgets the operation without calling return(): detach here.
        this.end();
        consumer.fail(err);
      },
    );
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

  /** The next step, or null when there is nothing to do until the stream is woken. */
  private async step(): Promise<IteratorResult<Delivery<T>> | null> {
    for (;;) {
      if (this.ended) return { value: undefined, done: true };
      if (this.halted) return null;
      if (this.ready.length) return { value: this.ready.shift()!, done: false };
      if (this.endAfterReady) {
        this.end();
        return { value: undefined, done: true };
      }
      try {
        if (this.needReplay) {
          this.needReplay = false;
          const em = this.hub.orm.em.fork();
          const rows = await this.scope.replay(em, this.cursor, REPLAY_PAGE);
          if (rows.length === REPLAY_PAGE) this.needReplay = true;
          if (rows.length) await this.process(await this.made(rows), () => this.conn.freshViewer());
        } else if (this.live.length) {
          const batch = this.live.splice(0, REPLAY_PAGE);
          this.conn.taken(batch.length);
          const fresh = batch.filter((item) => item.seq > this.cursor);
          if (fresh.length) await this.process(fresh, () => this.conn.viewer());
        } else {
          return null;
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
    if (this.outage++ === 0) this.hub.log?.warn({ err }, 'realtime: the database is unavailable; the stream waits for it');
    this.needReplay = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000 * 2 ** Math.min(this.outage - 1, 4));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Replayed rows made into events here (live ones come made by the hub). */
  private async made(rows: OutboxRow[]): Promise<LiveItem<T>[]> {
    const batch = this.hub.batch();
    const objects = this.scope.readsObjects ? await batch.affected(rows) : undefined;
    return rows.map((row) => ({ row, seq: BigInt(row.id), event: this.scope.build(row, objects?.get(row.id)), frames: new SharedFrames(batch) }));
  }

  private async process(items: LiveItem<T>[], loadViewer: () => Promise<Viewer | null>) {
    if (this.ended) return;
    const viewer = await loadViewer();
    if (this.ended || this.halted) return;
    const denial = viewer ? this.scope.gate(viewer) : unauthenticated('The session has ended: sign in again.', 'SESSION_ENDED');
    if (denial || !viewer) {
      this.ready.push({ denial: denial ?? unauthenticated() });
      this.endAfterReady = true;
      return;
    }
    const shape = this.conn.viewers.shapeOf(viewer);
    for (const { seq, event, frames } of items) {
      // Ids within the stream's school only grow; the cursor moves past events the viewer may not see too.
      if (seq <= this.cursor) continue;
      this.cursor = seq;
      // Decided once per viewer shape and event: the subscribers of one audience share the decision.
      if (event && frames.decide(shape, () => this.scope.visible(viewer, event))) this.ready.push({ event, viewer, shape, frames });
    }
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
    this.conn.streams = this.conn.streams.filter((stream) => stream !== this);
    this.conn.taken(this.live.length);
    this.live = [];
    this.ready = [];
    this.hub.detach(this);
    this.signal();
  }
}
