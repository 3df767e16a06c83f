/**
 * The big screens' response cache (issue 16): what a screen's statements returned (journal.queries.ts:
 * the journal grid per group, period and day; the diary per student and week; the term per student and
 * period; monitor.service.ts: the class monitor per class and dates; the student a diary or term is
 * about, per day), kept per process so that a repeated read costs the session check and a map lookup.
 *
 * What is kept is the data before any viewer is considered (the rows as PostgreSQL returned them, or the
 * API's types built from them alone), never an answer. Every request still runs the screen's access check and executes its document under the
 * policy (type and field rules, consent, personal fields) for its own viewer. Entries are frozen: a
 * request that tried to change a shared row would throw instead of showing it to the next viewer.
 *
 * Entries are tagged with the students, groups and classes they were read for; the outbox says what a
 * commit touched (realtime.ts `observe`: the same feed the live streams hear, LISTEN or the Redis relay,
 * so every process of a deployment drops its own copies), and the tagged entries are dropped. The process that
 * commits drops its own at once, before it answers (screen-fence.ts: read-your-writes). A load that
 * was running while an invalidation of one of its tags arrived is answered but not kept (it may have read
 * the rows before the commit). Bounded: least recently used entries go when the kept rows pass `maxBytes`
 * (their JSON size).
 */
import type { OutboxRow } from '../realtime/outbox.js';
import type { OutboxObserver } from '../realtime/observer.js';

import type { KeptScreens, Screen, ScreenTags, Touched } from '../kernel/screens.js';

export type ScreenCacheOutcome = 'hit' | 'miss' | 'dropped' | 'evicted';

interface Entry {
  value: unknown;
  tags: string[];
  bytes: number;
  /** Wall-clock ms (cache bookkeeping, not a domain decision). */
  keptAt: number;
}

export interface ScreenCacheLimits {
  /** JSON bytes of the rows kept; beyond, the least recently used go. 0: nothing is kept. */
  maxBytes: number;
  /**
   * A backstop for changes that leave no outbox row and no viewer invalidation (made outside the API: every
   * mutation announces what it changes, screen-coherence.test.ts): an entry older than this is read again.
   */
  maxAgeMs: number;
}

const TEACHERS = 'teachers';

const tagList = (t: ScreenTags) => [
  ...[...(t.studentIds ?? [])].map((id) => `s:${id}`),
  ...[...(t.groupIds ?? [])].map((id) => `g:${id}`),
  ...[...(t.classIds ?? [])].map((id) => `c:${id}`),
  ...(t.teachers ? [TEACHERS] : []),
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export class ScreenCache implements OutboxObserver, KeptScreens {
  /** In use order: the first is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private bytes = 0;
  /** Invalidations so far; those that arrived while loads ran are remembered until the loads that saw them begin end. */
  private seq = 0;
  /** The `seq` at which each running load began, oldest first. */
  private readonly starts: number[] = [];
  private recent: { seq: number; tags: Set<string> | 'all' }[] = [];

  constructor(
    private readonly limits: ScreenCacheLimits,
    private readonly counted: (screen: Screen | null, outcome: ScreenCacheOutcome, n?: number) => void = () => {},
  ) {}

  get size() {
    return this.entries.size;
  }

  get keptBytes() {
    return this.bytes;
  }

  /** Whether a commit may concern anything kept or being read (the feed reads the outbox rows only then). */
  get interested() {
    return this.entries.size > 0 || this.starts.length > 0;
  }

  /**
   * The kept rows of `key`, or `load()`'s, kept when `tagsOf` gives their tags (null: not kept, e.g. a
   * screen of nothing). The caller decides access on what it gets, every time.
   */
  async read<T>(screen: Screen, key: string, load: () => Promise<T>, tagsOf: (rows: T) => ScreenTags | null | undefined | false): Promise<T> {
    const fullKey = `${screen}:${key}`;
    const hit = this.entries.get(fullKey);
    if (hit && Date.now() - hit.keptAt > this.limits.maxAgeMs) this.remove(fullKey);
    else if (hit) {
      this.entries.delete(fullKey);
      this.entries.set(fullKey, hit);
      this.counted(screen, 'hit');
      return hit.value as T;
    }
    this.counted(screen, 'miss');
    if (this.limits.maxBytes <= 0) return load();
    const start = this.seq;
    this.starts.push(start);
    let rows: T;
    try {
      rows = await load();
    } finally {
      this.starts.splice(this.starts.indexOf(start), 1);
    }
    const tagged = tagsOf(rows);
    if (tagged) {
      const tags = tagList(tagged);
      const stale = this.recent.some((r) => r.seq > start && (r.tags === 'all' || tags.some((t) => (r.tags as Set<string>).has(t))));
      if (!stale) this.keep(screen, fullKey, deepFreeze(rows), tags);
    }
    // What no running load began before is of no use any more (under steady load some always run).
    const oldest = this.starts[0];
    this.recent = oldest === undefined ? [] : this.recent.filter((r) => r.seq > oldest);
    return rows;
  }

  private keep(screen: Screen, key: string, value: unknown, tags: string[]) {
    const bytes = JSON.stringify(value).length;
    if (bytes > this.limits.maxBytes) return;
    this.remove(key);
    this.entries.set(key, { value, tags, bytes, keptAt: Date.now() });
    this.bytes += bytes;
    for (const tag of tags) {
      const keys = this.byTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.byTag.set(tag, keys);
    }
    let evicted = 0;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
      evicted++;
    }
    if (evicted) this.counted(screen, 'evicted', evicted);
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
    return true;
  }

  /** A commit touched these students, groups, classes: what was read for any of them goes. */
  invalidate(touched: ScreenTags) {
    const tags = new Set(tagList(touched));
    this.seq++;
    if (this.starts.length) this.recent.push({ seq: this.seq, tags });
    let dropped = 0;
    for (const tag of tags) for (const key of [...(this.byTag.get(tag) ?? [])]) if (this.remove(key)) dropped++;
    if (dropped) this.counted(null, 'dropped', dropped);
  }

  /** Committed outbox rows: their student, the students they reach (a lesson's group members), their group and classes. */
  committed(rows: OutboxRow[]) {
    for (const row of rows) {
      this.invalidate({
        studentIds: row.studentId ? [row.studentId, ...row.studentIds] : row.studentIds,
        groupIds: row.groupId ? [row.groupId] : [],
        classIds: row.classIds,
      });
    }
  }

  changedAll() {
    this.invalidateAll();
  }

  /**
   * A commit of this process, as it is done and before it answers (screen-fence.ts): what it touched goes now, not
   * when the feed tells (the feed tells again). Null: it was not read, as nothing was kept or being read when its
   * work ended; whatever was kept since goes.
   */
  committedHere(touched: Touched | null) {
    if (!touched || touched.everyone) {
      this.invalidateAll();
      return;
    }
    const { studentIds, groupIds, classIds, people } = touched;
    if (studentIds.length || groupIds.length || classIds.length || people) this.invalidate({ studentIds, groupIds, classIds, teachers: people });
  }

  /** Someone's viewer changed: if it was a teaching assignment, the screens showing teachers are out of date. */
  changedPerson() {
    this.invalidate({ teachers: true });
  }

  /** Something any screen may show changed (an enrolment, a group's members), or commits may have been missed. */
  invalidateAll() {
    this.seq++;
    if (this.starts.length) this.recent.push({ seq: this.seq, tags: 'all' });
    const dropped = this.entries.size;
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
    if (dropped) this.counted(null, 'dropped', dropped);
  }
}
