/**
 * The realtime layer of one server process (DESIGN principle 5; docs/ARCHITECTURE.md, "Realtime").
 *
 *   journal write ──(same transaction)──▶ domain_event row ──trigger──▶ NOTIFY row at commit
 *        ──▶ EventFeed (LISTEN, or Redis relay) ──▶ Realtime.route: the announced rows, no read; their
 *            audience (student; class; a lesson's group members) from routes kept per process
 *        ──▶ the batch's objects read once, one event made per audience (student, class, person)
 *        ──▶ LiveStream of each matching subscription: the viewer the process keeps for its session
 *            (ViewerCache, invalidated on the same feed), the policy decided once per viewer shape
 *        ──▶ delivery.ts: executed and serialised once per (document, viewer shape), the frame written
 *            to every subscriber's socket
 *
 * A subscription with `after` first replays the outbox after that id. Live rows are buffered from the
 * moment the stream is attached and de-duplicated by id, so the hand-over has no gap and no repeat.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import { createLoaders } from '../graphql/context.js';
import { AppError, badInput, forbidden, notFound } from '../kernel/errors.js';
import { sessionsInForce } from '../modules/auth/index.js';
import { SchoolClass } from '../modules/school/index.js';
import { canWatchClass, ensureDiaryAccess, isStaffOf } from '../policy/policy.js';
import { realtimeRules } from './realtime.policy.js';
import { ViewerCache, type Viewer } from '../policy/viewer.js';
import { todayIso } from '../kernel/dates.js';
import type { AffectedObjects } from './affected.js';
import { EventBatch, SharedFrames } from './shared-frames.js';
import type { LiveOperationContext } from './delivery.js';
import {
  cursorKnown,
  deleteExpired,
  fetchRouted,
  fetchRoutes,
  parseAnnouncement,
  replayClass,
  replayDiary,
  replayMessages,
  schoolHead,
  type Announcement,
  type OutboxRow,
  type Routes,
} from './outbox.js';
import type { OutboxObserver } from './observer.js';
import { PgNotifyFeed, RedisRelayFeed, type EventFeed } from './publisher.js';
import { ClassEventType, DiaryEventType, LIVE_TYPES, MESSAGE_EVENT_TYPES, MESSAGE_TYPES, MessageEventType, type LiveEvent } from './realtime.types.js';
import { LiveConnection, LiveStream, type ConnectionLimits, type LiveItem, type LiveSocket, type StreamHub, type StreamScope } from './stream.js';

export interface RealtimeSettings {
  /** Redis pub/sub between instances instead of one LISTEN per instance. */
  redisUrl?: string;
  /** Outbox rows older than this are deleted (0: kept forever). */
  outboxRetentionDays: number;
  /** Events waiting for one WebSocket connection before it is closed as a slow consumer. */
  wsQueueLimit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CURSOR = 2n ** 63n - 1n;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** Contexts of WebSocket subscriptions carry their connection and operation id (app.ts). */
export type LiveContext = LiveOperationContext;

/** Close code of a socket whose session ended (graphql-ws's Forbidden): the client signs in again. */
const SESSION_ENDED = 4403;

function parseCursor(after: unknown): bigint | null {
  if (after === null || after === undefined) return null;
  if (typeof after !== 'string' || !/^\d{1,19}$/.test(after) || BigInt(after) > MAX_CURSOR) {
    throw badInput('BAD_CURSOR', '`after` is the id of an event you received (a decimal number).', 'after');
  }
  return BigInt(after);
}

/** The diary gate of `ensureDiaryAccess`, as a value: the error that refuses (or ends) the stream. */
function diaryGate(viewer: Viewer, student: { id: string; schoolId: string }): AppError | null {
  try {
    ensureDiaryAccess(viewer, student);
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

function classGate(viewer: Viewer, schoolClass: { id: string; schoolId: string }): AppError | null {
  if (canWatchClass(viewer, schoolClass)) return null;
  // Staff of another school, and everyone else outside the school, learn nothing about the class.
  return isStaffOf(viewer, schoolClass.schoolId)
    ? forbidden('Only the class teacher and the administration watch a class.', 'NOT_ALLOWED')
    : notFound('No such class.');
}

/** A row → its GraphQL event (null where the kind is not carried, or its object is gone); the stream then applies the policy. */
function liveEvent<T extends LiveEvent>(row: OutboxRow, objects: AffectedObjects | undefined, make: () => T): T | null {
  const type = row.type === 'unknown' ? null : LIVE_TYPES[row.type];
  if (!type || !objects) return null;
  return Object.assign(make(), { id: row.id, type, at: row.at, schoolId: row.schoolId, ...objects });
}

export class Realtime implements StreamHub {
  private readonly sinks = new Map<string, Set<LiveStream<unknown>>>();
  /** Open connections, for the session checks. */
  private readonly connections = new Set<LiveConnection>();
  private sessionTimer: NodeJS.Timeout | undefined;
  private queue: Announcement[] = [];
  private readonly observers = new Set<OutboxObserver>();
  private flushing = false;
  /** Audiences of announced rows for `day`; dropped when enrolments or groups change ('*'). */
  private routes: Routes = { days: new Map(), studentClasses: new Map(), groups: new Map() };
  private routesEpoch = 0;
  private cleanupTimer: NodeJS.Timeout | undefined;
  private firstCleanup: NodeJS.Timeout | undefined;
  /** For tests and metrics: events routed to at least one stream of this process; streams opened so far; sockets closed as slow consumers. */
  routed = 0;
  opened = 0;
  slowConsumers = 0;
  /** What every connection shares (one object, not one per connection). */
  private readonly limits: ConnectionLimits;

  private constructor(
    readonly orm: MikroORM,
    readonly feed: EventFeed,
    private readonly settings: RealtimeSettings,
    readonly log: Logger,
    private readonly clock: Clock,
    /** The viewers of live connections, per session token (policy/viewer.ts). */
    readonly viewers: ViewerCache,
  ) {
    this.limits = { queueLimit: settings.wsQueueLimit, onSlowConsumer: () => this.slowConsumers++ };
  }

  static async start(opts: {
    orm: MikroORM;
    log: Logger;
    settings: RealtimeSettings;
    clock: Clock;
    /** The one-statement viewer of a session token, as for an HTTP request. */
    loadViewer: (token: string) => Promise<Viewer | null>;
    /** Tests pass one; else LISTEN on the ORM's database, or the Redis relay when `redisUrl` is set. */
    feed?: EventFeed;
  }): Promise<Realtime> {
    const databaseUrl = opts.orm.config.get('clientUrl')!;
    const feed =
      opts.feed ?? (opts.settings.redisUrl ? new RedisRelayFeed(databaseUrl, opts.settings.redisUrl, opts.log) : new PgNotifyFeed(databaseUrl, opts.log));
    const viewers = new ViewerCache(opts.loadViewer, opts.clock);
    const realtime = new Realtime(opts.orm, feed, opts.settings, opts.log, opts.clock, viewers);
    await feed.start({
      announced: (messages) => realtime.announced(messages),
      resync: (reason) => realtime.resyncAll(reason),
      viewersChanged: (who) => realtime.viewersChanged(who),
    });
    return realtime;
  }

  /**
   * Outbox retention on an unref'd timer: shortly after start, then every hour (main.ts starts it, like
   * the other periodic jobs; tests call `cleanup()` themselves). Every instance may run it: deleting
   * what another already deleted costs nothing.
   */
  scheduleRetention(firstAfterMs = 60_000) {
    if (this.settings.outboxRetentionDays <= 0 || this.cleanupTimer) return;
    const run = () => void this.cleanup().catch((err) => this.log.warn({ err }, 'realtime: outbox cleanup failed'));
    this.firstCleanup = setTimeout(run, firstAfterMs).unref();
    this.cleanupTimer = setInterval(run, CLEANUP_EVERY_MS).unref();
  }

  /** The routes kept are for each school's day they were read on; a school's midnight (any one) drops them all. */
  private routesOutdated(now: Date): boolean {
    for (const [zone, day] of this.routes.days) if (todayIso(now, zone) !== day) return true;
    return false;
  }

  // ── connections and their sessions ─────────────────────────────────────

  /**
   * A WebSocket connection's state: its session (whose viewer the process keeps while a socket holds it),
   * its socket and its queue limit. `close` when the socket closes.
   */
  connection(token: string, socket: LiveSocket): LiveConnection {
    const live = new LiveConnection(this.viewers, token, socket, this.limits);
    this.viewers.hold(token);
    this.connections.add(live);
    return live;
  }

  close(live: LiveConnection) {
    if (this.connections.delete(live)) this.viewers.release(live.token);
  }

  /**
   * Sessions end by a write (logout, a compromise report, deactivation, the last grant revoked: the
   * invalidation names the person, and their sockets are checked at once) or by time (a grant's last day
   * passed): every `everyMs`, ONE statement checks the sessions of all open sockets, however many.
   */
  watchSessions(everyMs: number) {
    this.sessionTimer = setInterval(
      () => void this.checkSessions().catch((err: unknown) => this.log.warn({ err }, 'realtime: could not re-check the sessions of WebSockets')),
      everyMs,
    ).unref();
  }

  /** Closes (4403) the sockets whose session has no viewer any more; one statement. */
  async checkSessions(): Promise<void> {
    if (!this.connections.size) return;
    const valid = await sessionsInForce(this.orm.em.fork(), [...new Set([...this.connections].map((c) => c.token))], this.clock());
    for (const live of this.connections) if (!valid.has(live.token)) live.endSession(SESSION_ENDED);
  }

  /** `observer` hears every committed batch and every resync from now on (the same feed as the streams: no other listener). */
  observe(observer: OutboxObserver) {
    this.observers.add(observer);
  }

  private viewersChanged(who: string) {
    if (who === '*') {
      for (const o of this.observers) o.changedAll();
      this.viewers.invalidateAll();
      this.forgetRoutes();
      return;
    }
    for (const o of this.observers) o.changedPerson(who);
    // Whose sockets these are is known once their viewer was loaded; theirs are checked now.
    const theirs = [...this.connections].filter((live) => this.viewers.userOf(live.token) === who);
    this.viewers.invalidateUser(who);
    for (const live of theirs) {
      live.freshViewer().then(
        (viewer) => viewer || live.endSession(SESSION_ENDED),
        (err: unknown) => this.log.warn({ err }, 'realtime: could not re-check the session of a WebSocket'),
      );
    }
  }

  // ── routing ─────────────────────────────────────────────────────────────

  private announced(messages: string[]) {
    for (const message of messages) {
      try {
        this.queue.push(parseAnnouncement(message));
      } catch (err) {
        this.log.warn({ err }, 'realtime: an outbox announcement could not be read; streams re-read the outbox');
        this.resyncAll('bad announcement');
      }
    }
    if (this.flushing) return;
    this.flushing = true;
    // Rows announced in the same tick are handed on together.
    setImmediate(() => void this.flush());
  }

  private async flush() {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 500);
        const observing = [...this.observers].filter((o) => o.interested);
        if (this.sinks.size === 0 && !observing.length) continue; // nobody here listens
        try {
          const events = new EventBatch(this.orm, this.clock);
          // The common events come with their objects (marks, attendance, remarks): nothing is read for them.
          const carried = events.carried(batch);
          // Another row about a student whose diary is watched here reaches it, whatever the rest of its audience: its
          // objects are read while that rest is looked up, not after (commit → receipt waits for one read, not two).
          const early = batch.flatMap(({ row }) => (row?.studentId && !carried.has(row.id) && this.readsObjects(`student:${row.studentId}`) ? [row] : []));
          const [rows, objects] = await Promise.all([this.rowsOf(batch), early.length ? events.affected(early) : undefined]);
          for (const o of observing) o.committed(rows);
          if (objects) for (const [id, affected] of objects) carried.set(id, affected);
          await this.route(rows, events, carried);
        } catch (err) {
          this.log.warn({ err }, 'realtime: could not route announced events; streams re-read the outbox');
          this.resyncAll('read failed');
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Announced rows with their audience, without reading the rows: the audiences (a student's classes, a
   * group's members and class) are kept per day and dropped when enrolments or groups change ('*' on the
   * same ordered feed), read in one statement for those not known yet; a row too big to announce is read.
   */
  private async rowsOf(announced: Announcement[]): Promise<OutboxRow[]> {
    const now = this.clock();
    if (this.routesOutdated(now)) this.forgetRoutes();
    const cache = this.routes;
    const missing = { students: new Set<string>(), groups: new Set<string>() };
    for (const { row } of announced) {
      if (!row) continue;
      if (row.studentId) {
        if (!cache.studentClasses.has(`${row.schoolId}/${row.studentId}`)) missing.students.add(`${row.schoolId}/${row.studentId}`);
      } else if (row.groupId && !cache.groups.has(row.groupId)) missing.groups.add(row.groupId);
    }
    let routes: Routes = cache;
    if (missing.students.size || missing.groups.size) {
      const epoch = this.routesEpoch;
      const found = await fetchRoutes(this.orm.em.fork(), [...missing.students], [...missing.groups], now);
      // A change of enrolments or groups announced while they were read: used for these rows, not kept.
      const keep = epoch === this.routesEpoch && cache === this.routes;
      const target: Routes = keep ? cache : { days: new Map(cache.days), studentClasses: new Map(cache.studentClasses), groups: new Map(cache.groups) };
      for (const [zone, day] of found.days) target.days.set(zone, day);
      for (const [k, v] of found.studentClasses) target.studentClasses.set(k, v);
      for (const g of missing.groups) target.groups.set(g, found.groups.get(g) ?? { studentIds: [], classIds: [] });
      routes = target;
    }
    const unannounced = announced.filter((a) => !a.row).map((a) => a.id);
    const read = new Map((unannounced.length ? await fetchRouted(this.orm.em.fork(), unannounced, now) : []).map((r) => [r.id, r]));
    return announced.flatMap(({ id, row }): OutboxRow[] => {
      if (!row) {
        const big = read.get(id);
        return big ? [big] : [];
      }
      const recipient = 'recipientId' in row.payload ? row.payload.recipientId : undefined;
      const userIds = typeof recipient === 'string' ? [recipient] : [];
      if (row.studentId)
        return [{ ...row, studentIds: [row.studentId], classIds: routes.studentClasses.get(`${row.schoolId}/${row.studentId}`) ?? [], userIds }];
      const group = row.groupId ? routes.groups.get(row.groupId) : undefined;
      return [{ ...row, studentIds: group?.studentIds ?? [], classIds: group?.classIds ?? [], userIds }];
    });
  }

  private forgetRoutes() {
    this.routesEpoch++;
    this.routes = { days: new Map(), studentClasses: new Map(), groups: new Map() };
  }

  /**
   * In commit order: each row to the streams of its students, classes and people, once per stream. The
   * streams are found first (one attached later starts after these rows anyway), then the objects the rows
   * are about are read once for the whole batch (those of `known` rows came with them or were read already),
   * and one event is made per row and audience, shared by all its streams (with its frames: delivery.ts).
   */
  private async route(rows: OutboxRow[], events: EventBatch, known: Map<string, AffectedObjects>) {
    const reaching = rows.map((row) => {
      const audiences: [key: string, streams: LiveStream<unknown>[]][] = [];
      const seen = new Set<LiveStream<unknown>>();
      const keys = [...row.studentIds.map((id) => `student:${id}`), ...row.classIds.map((id) => `class:${id}`), ...row.userIds.map((id) => `user:${id}`)];
      for (const key of keys) {
        const streams = [...(this.sinks.get(key) ?? [])].filter((stream) => !seen.has(stream) && seen.add(stream));
        if (streams.length) audiences.push([key, streams]);
      }
      return { row, audiences };
    });
    const reached = reaching.filter((r) => r.audiences.length);
    if (!reached.length) return;
    let objects = known;
    const unread = reached.filter((r) => !known.has(r.row.id)).map((r) => r.row);
    if (unread.length && reached.some((r) => r.audiences.some(([, streams]) => streams[0].readsObjects))) {
      objects = new Map([...objects, ...(await events.affected(unread))]);
    }
    for (const { row, audiences } of reached) {
      this.routed++;
      const seq = BigInt(row.id);
      for (const [, streams] of audiences) {
        // Streams of one audience key have the same scope: the first makes the event for all.
        const item: LiveItem<unknown> = { row, seq, event: streams[0].build(row, objects.get(row.id)), frames: new SharedFrames(events) };
        for (const stream of streams) stream.push(item);
      }
    }
  }

  /** Whether streams of `key` are open here and make their events of the objects read per batch. */
  private readsObjects(key: string): boolean {
    return this.sinks.get(key)?.values().next().value?.readsObjects === true;
  }

  resyncAll(reason: string) {
    this.log.info({ reason, streams: this.streamCount }, 'realtime: streams re-read the outbox after their cursors');
    // Invalidations may have been missed with the rows: viewers and audiences are loaded again too, caches forget.
    for (const o of this.observers) o.changedAll();
    this.viewers.invalidateAll();
    this.forgetRoutes();
    for (const set of this.sinks.values()) for (const stream of set) stream.resync();
  }

  get streamCount() {
    let n = 0;
    for (const set of this.sinks.values()) n += set.size;
    return n;
  }

  private attach<T>(stream: LiveStream<T>) {
    const key = stream.audience;
    const set = this.sinks.get(key) ?? new Set();
    set.add(stream);
    this.sinks.set(key, set);
  }

  /** For the streams (StreamHub): an ended one gets no more rows. */
  detach(stream: LiveStream<unknown>) {
    const set = this.sinks.get(stream.audience);
    if (set?.delete(stream) && !set.size) this.sinks.delete(stream.audience);
  }

  /** For the streams (StreamHub): a replayed page's batch. */
  batch(): EventBatch {
    return new EventBatch(this.orm, this.clock);
  }

  /**
   * Attaches first, then fixes the starting cursor: rows committed meanwhile are buffered and either
   * replayed (with `after`) or dropped as older than the start (without).
   */
  private async open<T>(ctx: LiveContext, scope: StreamScope<T>, after: bigint | null): Promise<LiveStream<T>> {
    const stream = new LiveStream<T>(this, ctx.live, scope, after ?? 0n, after !== null);
    this.attach(stream);
    try {
      if (after === null) stream.setCursor(await schoolHead(this.orm.em.fork(), scope.schoolId));
      else if (!(await cursorKnown(this.orm.em.fork(), after))) {
        throw new AppError('BAD_USER_INPUT', 'CURSOR_EXPIRED', 'Events after this cursor are no longer kept: reload, then subscribe without `after`.', {
          field: 'after',
        });
      }
    } catch (err) {
      await stream.return();
      throw err;
    }
    this.opened++;
    return stream;
  }

  /** The viewer of the operation that opens the stream: loaded when it arrived on the socket (app.ts), not at connection. */
  private currentViewer(ctx: LiveContext): Viewer {
    if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'SESSION_ENDED', 'The session has ended: sign in again.');
    return ctx.viewer;
  }

  // ── streams ─────────────────────────────────────────────────────────────

  /** `diaryEvents`: gated like the diary; each event filtered by the DiaryEvent type rule. */
  async openDiary(ctx: LiveContext, studentId: string, afterArg: unknown): Promise<LiveStream<DiaryEventType>> {
    const after = parseCursor(afterArg);
    if (!UUID.test(studentId)) throw badInput('BAD_ID', 'An id in the request is malformed.', 'studentId');
    const viewer = this.currentViewer(ctx);
    const student = await createLoaders(this.orm.em.fork(), this.clock).studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(viewer, student);
    return this.open(ctx, new DiaryScope(student.id, student.schoolId, this.clock), after);
  }

  /** `classEvents`: the class teacher and the administration; each event filtered by the ClassEvent type rule. */
  async openClass(ctx: LiveContext, classId: string, afterArg: unknown): Promise<LiveStream<ClassEventType>> {
    const after = parseCursor(afterArg);
    if (!UUID.test(classId)) throw badInput('BAD_ID', 'An id in the request is malformed.', 'classId');
    const viewer = this.currentViewer(ctx);
    const found = await this.orm.em.fork().findOne(SchoolClass, classId);
    if (!found) throw notFound('No such class.');
    const scope = new ClassScope(found.id, found.school.id, this.clock);
    const refused = scope.gate(viewer);
    if (refused) throw refused;
    return this.open(ctx, scope, after);
  }

  /**
   * `messageEvents`: the viewer's own message events in one of their schools (ids are ordered per
   * school, so a person with grants in two schools holds one stream, and one cursor, per school).
   */
  async openMessages(ctx: LiveContext, schoolId: string, afterArg: unknown): Promise<LiveStream<MessageEventType>> {
    const after = parseCursor(afterArg);
    if (!UUID.test(schoolId)) throw badInput('BAD_ID', 'An id in the request is malformed.', 'schoolId');
    const viewer = this.currentViewer(ctx);
    const scope = new MessageScope(schoolId, viewer.userId);
    const refused = scope.gate(viewer);
    if (refused) throw refused;
    return this.open(ctx, scope, after);
  }

  // ── retention ───────────────────────────────────────────────────────────

  /**
   * Deletes outbox rows older than the retention; a client resuming from before gets CURSOR_EXPIRED.
   * Measured on the wall clock that stamps `domain_event.at`, not on the (pinnable) domain clock.
   */
  async cleanup(): Promise<number> {
    const before = new Date(Date.now() - this.settings.outboxRetentionDays * 86_400_000);
    const deleted = await deleteExpired(this.orm.em.fork(), before);
    if (deleted) this.log.info({ deleted, before }, 'realtime: old outbox events deleted');
    return deleted;
  }

  async stop() {
    clearInterval(this.sessionTimer);
    clearTimeout(this.firstCleanup);
    clearInterval(this.cleanupTimer);
    await this.feed.stop();
  }
}

/** A student's diary: gated like the diary; each event filtered by the DiaryEvent type rule. */
class DiaryScope implements StreamScope<DiaryEventType> {
  readonly readsObjects = true;

  constructor(
    private readonly studentId: string,
    readonly schoolId: string,
    private readonly clock: Clock,
  ) {}

  /** Made when asked (on attach and detach): not kept by each of thousands of idle streams. */
  get audience() {
    return `student:${this.studentId}`;
  }

  replay(em: EntityManager, after: bigint, limit: number) {
    return replayDiary(em, { schoolId: this.schoolId, studentId: this.studentId, after, limit, now: this.clock() });
  }

  gate(viewer: Viewer) {
    return diaryGate(viewer, { id: this.studentId, schoolId: this.schoolId });
  }

  build(row: OutboxRow, objects: AffectedObjects | undefined) {
    return liveEvent(row, objects, () => Object.assign(new DiaryEventType(), { studentId: this.studentId }));
  }

  visible(viewer: Viewer, event: DiaryEventType) {
    return realtimeRules.types.DiaryEvent(viewer, event);
  }
}

/** A class today: its class teacher and the administration; each event filtered by the ClassEvent type rule. */
class ClassScope implements StreamScope<ClassEventType> {
  readonly readsObjects = true;

  constructor(
    private readonly classId: string,
    readonly schoolId: string,
    private readonly clock: Clock,
  ) {}

  get audience() {
    return `class:${this.classId}`;
  }

  replay(em: EntityManager, after: bigint, limit: number) {
    return replayClass(em, { schoolId: this.schoolId, classId: this.classId, after, limit, now: this.clock() });
  }

  gate(viewer: Viewer) {
    return classGate(viewer, { id: this.classId, schoolId: this.schoolId });
  }

  build(row: OutboxRow, objects: AffectedObjects | undefined) {
    return liveEvent(row, objects, () => Object.assign(new ClassEventType(), { studentId: row.studentId, watchedClassId: this.classId }));
  }

  visible(viewer: Viewer, event: ClassEventType) {
    return realtimeRules.types.ClassEvent(viewer, event);
  }
}

/** A person's own message events in one school. */
class MessageScope implements StreamScope<MessageEventType> {
  readonly readsObjects = false;

  constructor(
    readonly schoolId: string,
    private readonly userId: string,
  ) {}

  get audience() {
    return `user:${this.userId}`;
  }

  replay(em: EntityManager, after: bigint, limit: number) {
    return replayMessages(em, { schoolId: this.schoolId, userId: this.userId, types: MESSAGE_EVENT_TYPES, after, limit });
  }

  gate(viewer: Viewer) {
    return viewer.schoolIds.has(this.schoolId) ? null : notFound('No such school.');
  }

  build(row: OutboxRow) {
    if (row.type === 'unknown') return null;
    const kind = MESSAGE_TYPES[row.type];
    const payload = row.payload;
    if (!kind || !('recipientId' in payload) || !('conversationId' in payload) || payload.recipientId !== this.userId) return null;
    return Object.assign(new MessageEventType(), {
      id: row.id,
      type: kind,
      at: row.at,
      conversationId: payload.conversationId,
      messageId: 'messageId' in payload ? payload.messageId : null,
      recipientId: this.userId,
      schoolId: row.schoolId,
    });
  }

  visible(viewer: Viewer, event: MessageEventType) {
    return realtimeRules.types.MessageEvent(viewer, event);
  }
}
