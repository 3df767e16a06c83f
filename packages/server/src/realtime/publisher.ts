/**
 * How committed outbox rows reach this server process (DESIGN principle 5).
 *
 * The database is the source: a trigger on `domain_event` sends `pg_notify('domain_event', row)` with
 * the row and its final id, which PostgreSQL delivers at commit, in commit order
 * (Migration20261202145000_outbox_announce_rows).
 *
 * - `PgNotifyFeed` (default): one dedicated LISTEN connection per process, never from the pool. It
 *   reconnects with backoff; a health query every few seconds catches a silently dead socket. After a
 *   reconnect it announces a *resync*: every live stream re-reads the outbox after its own cursor, so an
 *   id notified while the connection was down is not lost.
 * - `RedisRelayFeed` (REDIS_URL set): one instance at a time, holder of a session advisory lock, LISTENs
 *   and republishes each id on a Redis channel; every instance subscribes to Redis. PostgreSQL then
 *   serves one listener in total instead of one per instance, and the fan-out to many instances is
 *   Redis's. When the relay changes (its instance died, its connection broke) the new relay publishes a
 *   resync; a Redis subscriber that reconnects resyncs itself.
 *
 * Either way a feed only passes on what the database announced ("these rows were committed") or says
 * "you may have missed some: re-read the outbox", so nothing but the database decides what happened.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { setTimeout as delay } from 'node:timers/promises';

export const OUTBOX_CHANNEL = 'domain_event';
/** A viewer's facts changed: a user id, or '*' for anyone's (Migration20261202110000_live_viewer_changed). */
export const VIEWER_CHANNEL = 'viewer_changed';
/** Redis messages of the relay that carry a viewer invalidation rather than ids. */
const VIEWERS_PREFIX = 'viewers:';
/** Session advisory lock of the Redis relay: 'dnet', 'rely'. */
const RELAY_LOCK = [1684956532, 1919249529] as const;

export interface FeedHandlers {
  /** Announcements of committed outbox rows (JSON, outbox.ts `parseAnnouncement`), in commit order. */
  announced(messages: string[]): void;
  /** Some ids may have been missed: every stream re-reads the outbox after its cursor. */
  resync(reason: string): void;
  /**
   * The viewer of this user (or of anyone, '*') changed. Told in commit order with `announced`: an event
   * committed after the change arrives after this.
   */
  viewersChanged(who: string): void;
}

export interface EventFeed {
  start(handlers: FeedHandlers): Promise<void>;
  stop(): Promise<void>;
  /** For /readyz and tests: whether ids flow right now. */
  readonly connected: boolean;
}

export interface ListenOptions {
  /** First retry after this many ms, doubling up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the listener checks its connection with a query. */
  healthCheckMs?: number;
}

/**
 * How long a stop waits for a server's answer (PostgreSQL's to a Terminate, Redis's to the publishes under way)
 * before it cuts the connection: a stop never waits on a server that does not answer.
 */
const STOP_GRACE_MS = 2000;

/** Waits for `work`; `late()` runs if it has not settled after `ms` (and should make it settle). */
async function within(work: Promise<unknown>, ms: number, late: () => void): Promise<void> {
  const timer = setTimeout(late, ms);
  await work.catch(() => {});
  clearTimeout(timer);
}

/** Ends `client`'s socket at once, as a network failure would: nothing waits on the server. */
function destroy(client: pg.Client) {
  (client as unknown as { connection?: { stream: { destroy(): void } } }).connection?.stream.destroy();
}

/** Ends `client` with a Terminate, or destroys its socket when the server does not answer within the grace. */
const endClient = (client: pg.Client) => within(client.end(), STOP_GRACE_MS, () => destroy(client));

/**
 * A dedicated PostgreSQL connection that stays connected: `setup` runs on every (re)connection;
 * `onLost` is told when it breaks. Backoff with jitter between attempts; a periodic `select 1` finds
 * a connection that died without an error (a half-open socket).
 */
class DedicatedConnection {
  /** The connection while it is connected and set up. */
  private client: pg.Client | null = null;
  /** The loop's connection from its creation on: still connecting (a reconnection after an outage) or connected. */
  private current: pg.Client | null = null;
  /** Aborted by `stop`: the loop ends, a back-off under way included. */
  private readonly stopping = new AbortController();
  private attempt = 0;
  private health: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly opts: Required<ListenOptions>,
    private readonly hooks: {
      setup(client: pg.Client, first: boolean): Promise<void>;
      onLost(): void;
      onNotification?: (msg: pg.Notification) => void;
    },
  ) {}

  get connected() {
    return this.client !== null;
  }

  private get stopped() {
    return this.stopping.signal.aborted;
  }

  /** Resolves after the first successful connection (retrying until then). */
  async start(): Promise<void> {
    let first = true;
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    this.loop = (async () => {
      while (!this.stopped) {
        const client = new pg.Client({ connectionString: this.url, keepAlive: true, application_name: 'dnevnik-realtime' });
        this.current = client;
        const lost = new Promise<void>((resolve) => {
          client.on('error', (err) => {
            this.log.warn({ err }, 'realtime: the listener connection failed');
            resolve();
          });
          client.on('end', () => resolve());
        });
        if (this.hooks.onNotification) client.on('notification', this.hooks.onNotification);
        try {
          await client.connect();
          await this.hooks.setup(client, first);
          this.client = client;
          this.attempt = 0;
          if (first) ready();
          first = false;
          this.health = setInterval(() => this.check(client), this.opts.healthCheckMs);
          this.health.unref();
          await lost;
        } catch (err) {
          if (!this.stopped) this.log.warn({ err }, 'realtime: could not open the listener connection');
        }
        clearInterval(this.health);
        const wasConnected = this.client === client;
        this.client = null;
        client.removeAllListeners('notification');
        client.on('error', () => {}); // a late error of a dropped client must not crash the process
        await endClient(client);
        if (this.stopped) break;
        if (wasConnected) this.hooks.onLost();
        const backoff = Math.min(this.opts.maxBackoffMs, this.opts.minBackoffMs * 2 ** this.attempt++);
        await delay(backoff / 2 + Math.random() * (backoff / 2), undefined, { signal: this.stopping.signal }).catch(() => {});
      }
    })();
    await Promise.race([started, this.loop]);
  }

  private check(client: pg.Client) {
    const timeout = setTimeout(() => {
      this.log.warn('realtime: the listener connection stopped answering; reconnecting');
      // Ends the connection: `lost` resolves and the loop reconnects.
      destroy(client);
    }, this.opts.healthCheckMs);
    client.query('select 1').then(
      () => clearTimeout(timeout),
      () => clearTimeout(timeout),
    );
  }

  /** For tests: breaks the connection the way a network failure would. */
  kill() {
    if (this.client) destroy(this.client);
  }

  query(text: string, values?: unknown[]) {
    if (!this.client) return Promise.reject(new Error('not connected'));
    return this.client.query(text, values);
  }

  /**
   * Ends the loop whatever it is doing. A connection still connecting is cut, not waited for: connected after
   * the stop, nobody would ever end it, and the loop would wait on it for good (CI: an app stopped right after
   * PostgreSQL came back never finished stopping).
   */
  async stop() {
    this.stopping.abort();
    clearInterval(this.health);
    const current = this.current;
    const connected = current !== null && this.client === current;
    this.client = null;
    if (current) await (connected ? endClient(current) : destroy(current));
    await this.loop;
  }
}

const defaults = (opts: ListenOptions): Required<ListenOptions> => ({
  minBackoffMs: opts.minBackoffMs ?? 100,
  maxBackoffMs: opts.maxBackoffMs ?? 5000,
  healthCheckMs: opts.healthCheckMs ?? 10_000,
});

/** LISTEN on a dedicated connection of this process (the default). */
export class PgNotifyFeed implements EventFeed {
  private conn: DedicatedConnection | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly opts: ListenOptions = {},
  ) {}

  get connected() {
    return !!this.conn?.connected;
  }

  async start(handlers: FeedHandlers) {
    this.conn = new DedicatedConnection(this.databaseUrl, this.log, defaults(this.opts), {
      setup: async (client, first) => {
        await client.query(`LISTEN ${OUTBOX_CHANNEL}; LISTEN ${VIEWER_CHANNEL}`);
        // Ids committed while we were away were never delivered here: streams re-read after their cursors.
        if (!first) handlers.resync('listener reconnected');
      },
      onLost: () => this.log.warn('realtime: lost the LISTEN connection; reconnecting'),
      onNotification: (msg) => {
        if (msg.channel === OUTBOX_CHANNEL && msg.payload) handlers.announced([msg.payload]);
        else if (msg.channel === VIEWER_CHANNEL && msg.payload) handlers.viewersChanged(msg.payload);
      },
    });
    await this.conn.start();
  }

  /** For tests: drops the LISTEN connection as a network failure would. */
  breakConnection() {
    this.conn?.kill();
  }

  async stop() {
    await this.conn?.stop();
  }
}

/**
 * REDIS_URL: one relay (whoever holds the advisory lock) LISTENs and PUBLISHes ids to Redis; every
 * instance SUBSCRIBEs. Messages are an announcement (JSON), "resync", or "viewers:<user id or *>".
 */
export class RedisRelayFeed implements EventFeed {
  private election: DedicatedConnection | undefined;
  private sub: ReturnType<typeof createClient> | undefined;
  private pub: ReturnType<typeof createClient> | undefined;
  private isRelay = false;
  private electionTimer: NodeJS.Timeout | undefined;
  private publishing: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private subscribed = false;
  private lostPublish = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly redisUrl: string,
    private readonly log: Logger,
    private readonly opts: ListenOptions & { channel?: string; electionMs?: number } = {},
  ) {}

  /** Per database: deployments (or test databases) sharing one Redis do not hear each other. */
  private get channel() {
    return this.opts.channel ?? `dnevnik:${new URL(this.databaseUrl).pathname.slice(1) || 'postgres'}:domain_event`;
  }

  get connected() {
    return this.subscribed;
  }

  /** Whether this instance relays PostgreSQL's notifications to Redis now. */
  get relaying() {
    return this.isRelay;
  }

  async start(handlers: FeedHandlers) {
    const reconnectStrategy = (retries: number) => Math.min(this.opts.maxBackoffMs ?? 5000, (this.opts.minBackoffMs ?? 100) * 2 ** Math.min(retries, 10));
    this.sub = createClient({ url: this.redisUrl, socket: { reconnectStrategy } });
    this.pub = createClient({ url: this.redisUrl, socket: { reconnectStrategy } });
    for (const [name, client] of [
      ['subscriber', this.sub],
      ['publisher', this.pub],
    ] as const) {
      client.on('error', (err: unknown) => this.log.warn({ err }, `realtime: Redis ${name} error`));
    }
    let firstReady = true;
    this.sub.on('ready', () => {
      // node-redis resubscribes on reconnect; what was published meanwhile is gone: re-read the outbox.
      if (!firstReady) handlers.resync('Redis subscriber reconnected');
      firstReady = false;
      this.subscribed = true;
    });
    this.sub.on('end', () => (this.subscribed = false));
    this.sub.on('reconnecting', () => (this.subscribed = false));
    await this.sub.connect();
    await this.pub.connect();
    await this.sub.subscribe(this.channel, (message) => {
      if (message === 'resync') handlers.resync('relay changed');
      else if (message.startsWith(VIEWERS_PREFIX)) handlers.viewersChanged(message.slice(VIEWERS_PREFIX.length));
      else handlers.announced([message]);
    });
    this.subscribed = true;

    this.election = new DedicatedConnection(this.databaseUrl, this.log, defaults(this.opts), {
      setup: async (client) => this.tryToRelay((text, values) => client.query(text, values)),
      onLost: () => {
        // The session lock went with the connection: another instance may take over.
        if (this.isRelay) this.log.warn('realtime: lost the relay connection');
        this.isRelay = false;
      },
      onNotification: (msg) => {
        if (!this.isRelay || !msg.payload) return;
        // One ordered stream of messages: an invalidation stays ahead of the events committed after it.
        if (msg.channel === OUTBOX_CHANNEL) this.publish(msg.payload);
        else if (msg.channel === VIEWER_CHANNEL) this.publish(`${VIEWERS_PREFIX}${msg.payload}`);
      },
    });
    await this.election.start();
    this.electionTimer = setInterval(() => {
      if (!this.isRelay && this.election?.connected) {
        this.tryToRelay((text, values) => this.election!.query(text, values)).catch((err) => this.log.warn({ err }, 'realtime: relay election failed'));
      }
    }, this.opts.electionMs ?? 2000);
    this.electionTimer.unref();
  }

  private async tryToRelay(query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>) {
    if (this.stopped) return;
    const { rows } = (await query('select pg_try_advisory_lock($1, $2) as won', [...RELAY_LOCK])) as pg.QueryResult<{ won: boolean }>;
    if (!rows[0]?.won) return;
    await query(`LISTEN ${OUTBOX_CHANNEL}; LISTEN ${VIEWER_CHANNEL}`);
    this.isRelay = true;
    this.log.info('realtime: this instance relays outbox notifications to Redis');
    // Ids committed between the previous relay's end and our LISTEN reached nobody.
    this.publish('resync');
  }

  /** In order: one publish after another on one connection. */
  private publish(message: string) {
    this.publishing = this.publishing.then(async () => {
      try {
        // Subscribers missed an id that could not be published: once Redis answers again, they re-read.
        if (this.lostPublish) await this.pub!.publish(this.channel, 'resync');
        this.lostPublish = false;
        await this.pub!.publish(this.channel, message);
      } catch (err) {
        this.lostPublish = true;
        this.log.warn({ err }, 'realtime: could not publish to Redis; streams will resync');
      }
    });
  }

  /**
   * What is being published goes out if Redis answers within the grace. Else the clients are destroyed (a publish
   * or a close waits for Redis for good while it is out of reach) and nothing is lost: the rows are in the outbox,
   * and the next relay's resync makes every stream re-read them.
   */
  async stop() {
    this.stopped = true;
    clearInterval(this.electionTimer);
    await this.election?.stop();
    this.isRelay = false;
    const clients = [this.sub, this.pub].filter((c) => c !== undefined);
    await within(
      this.publishing.then(() => Promise.allSettled(clients.map((c) => c.close()))),
      STOP_GRACE_MS,
      () => clients.forEach((c) => c.destroy()),
    );
  }
}
