import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../kernel/clock.js';
import type { Viewer } from '../policy/viewer.js';
import { modules } from '../modules/index.js';
import { viewerOf, type Context } from '../policy/context.js';
import type { Loaders } from '../kernel/loaders.js';
import { ScreenCache } from './screen-cache.js';
import { fencedSingleWrite, fencedTransaction } from './screen-fence.js';
import { todayIso } from '../kernel/dates.js';
import { rightsInForce } from '../modules/auth/index.js';

/**
 * Per-request DataLoaders: one batch per relation per tick, never shared between requests. Each module's
 * factory gives the part of `Loaders` its `*.loaders.ts` declares (declaration merging): together, all of it.
 */
export function createLoaders(em: EntityManager, clock: Clock): Loaders {
  return Object.assign({}, ...modules.map((m) => m.loaders?.(em, clock))) as Loaders;
}

export function createContext(
  em: EntityManager,
  viewer: Viewer | null,
  userAgent: string | null,
  ip: string | null,
  clock: Clock,
  screens: ScreenCache,
): Context {
  const fork = em.fork();
  // The viewer carries this request's address so that every audit row records where a change came from.
  return withEm(fork, { viewer: viewer && { ...viewer, ip }, userAgent, ip, clock, screens }, screens);
}

/**
 * A context over `em`; `inTransaction` gives the same context over a transaction of it (a mutation's), fenced by
 * the process's `cache` (the request reads it as `screens`; the fence drops from it what the commit touched);
 * `inSingleWrite` over an EntityManager of its own, for a mutation that writes with ONE statement, fenced alike.
 */
function withEm(em: EntityManager, rest: Pick<Context, 'viewer' | 'userAgent' | 'ip' | 'clock' | 'screens'>, cache: ScreenCache): Context {
  return {
    ...rest,
    em,
    loaders: createLoaders(em, rest.clock),
    inTransaction<T>(work: (context: Context) => Promise<T>): Promise<T> {
      const inTx = (tx: EntityManager) => work({ ...this, ...withEm(tx, rest, cache) });
      // The outermost transaction answers only once this process's kept screens no longer show what it replaced.
      return em.isInTransaction() ? em.transactional(inTx) : fencedTransaction(em, cache, rest.clock, inTx);
    },
    inSingleWrite<T>(work: (context: Context) => Promise<T>): Promise<T> {
      // Inside a transaction already, the statement is part of it.
      if (em.isInTransaction()) return this.inTransaction(work);
      // Its own EntityManager keys the read shared by its write rule and its service (one per mutation); with no
      // transaction to be read in, the request's loaders serve it as they are.
      const op: Context = { ...this, em: em.fork() };
      // The rule decided, the statement checks again what it rested on, on the day the viewer was loaded for.
      const authorise = async (answer: object) => {
        if (!op.authoriseWrite) throw new Error('A single write outside a mutation: nothing decided its write rule.');
        const grounds = await op.authoriseWrite(answer);
        const viewer = viewerOf(op);
        return rightsInForce(viewer, grounds, todayIso(rest.clock(), viewer.timeZone));
      };
      return fencedSingleWrite(op.em, cache, rest.clock, authorise, () => work(op));
    },
  };
}

/** Live events read no screen: their executions keep nothing. */
const NO_SCREENS = new ScreenCache({ maxBytes: 0, maxAgeMs: 0 });

/**
 * The context of one live event's executions (realtime/delivery.ts): the loaders of its batch, made once
 * and shared by every viewer shape that executes it (loaders read data, never decide access). Read-only.
 */
export function liveEventContext(em: EntityManager, loaders: Loaders, viewer: Viewer, clock: Clock): Context {
  return {
    viewer,
    em,
    loaders,
    clock,
    screens: NO_SCREENS,
    userAgent: null,
    ip: null,
    inTransaction() {
      throw new Error('A live event is delivered, not written: no transaction.');
    },
    inSingleWrite() {
      throw new Error('A live event is delivered, not written: no single write.');
    },
  };
}
