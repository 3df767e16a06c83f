import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';

export interface LoginThrottleLimits {
  /** Failures for one login from devices it never signed in on, within the window; then such devices wait for the window's end. */
  perLogin: number;
  /** Failures from one client address (for any login) within the window. */
  perIp: number;
  windowMinutes: number;
}

/** Failures one (login, address) pair, or the login's known devices, get before each next try waits 1 s, 2 s, 4 s … */
export const FREE_FAILURES = 5;
/** The longest wait between two tries of one pair: the back-off stops doubling there. */
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** A pair or device count idle this long starts over. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long a device is known after its last sign-in there. */
const DEVICE_TOKEN_DAYS = 180;

/**
 * Limits password guessing without handing the attacker a way to lock the owner out (issue 14).
 *
 * - Per login AND client address: the first FREE_FAILURES failures are free, then each next try of
 *   that pair waits twice as long (1 s, 2 s, 4 s … up to an hour). Another address is not held up.
 * - A device that signed in before carries a device token (signed, bound to the login and the
 *   current password: a new password, after a compromise report, forgets every device). Its tries are
 *   limited by their own back-off only, so failures from elsewhere never keep the owner out.
 * - From unknown devices, the login as a whole (`perLogin` in the window, against guessing from many
 *   addresses) and each address (`perIp`, against one machine trying many logins) are limited too.
 *
 * Counters live in PostgreSQL (`login_backoff`), shared by every instance. An attempt is counted
 * before the password is checked, under row locks, so parallel requests cannot slip past, and a
 * refused try learns nothing even from the right password; the right password takes it back.
 * Time comes from the injected clock.
 */
export class LoginThrottle {
  constructor(
    private readonly pool: Pool,
    private readonly limits: LoginThrottleLimits,
    private readonly deviceKey: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt; TOO_MANY_REQUESTS (with when to retry) while any of its counters holds it. */
  async attempt(login: string, ip: string | null, knownDevice: boolean): Promise<void> {
    const now = this.clock().getTime();
    await this.transaction(async (client) => {
      const counters = await lock(client, this.keys(login, ip, knownDevice), new Date(now));
      const waits = counters.map((c) => this.waitMs(c, now));
      const wait = Math.max(0, ...waits);
      if (wait > 0) throw tooManyAttempts(Math.ceil(wait / 1000));
      for (const c of counters) {
        const fresh = c.failures === 0 || (c.window !== null ? now >= c.firstAt + this.windowMs : now - c.lastAt >= FORGET_AFTER_MS);
        await client.query(`update login_backoff set failures = $2, first_at = $3, last_at = $4 where key = $1`, [
          c.key,
          fresh ? 1 : c.failures + 1,
          new Date(fresh ? now : c.firstAt),
          new Date(now),
        ]);
      }
    });
  }

  /**
   * The password was right: the login's counters start over; the address only gets this attempt back
   * (a school's shared address is limited by its failures only).
   */
  async succeeded(login: string, ip: string | null, knownDevice: boolean): Promise<void> {
    const keys = this.keys(login, ip, knownDevice).map((k) => k.key);
    const address = ip ? `ip:${ip}` : null;
    await this.transaction(async (client) => {
      // In key order, as `attempt` locks them: parallel sign-ins of one person never wait on each other in a circle.
      await client.query(`select key from login_backoff where key = any($1::text[]) order by key for update`, [keys]);
      // Set back to no failures rather than deleted: a parallel attempt that found the row must still find it
      // when it locks it (a deleted row would vanish under it).
      await client.query(`update login_backoff set failures = 0 where key = any($1::text[])`, [keys.filter((k) => k !== address)]);
      if (address && keys.includes(address)) await client.query(`update login_backoff set failures = greatest(failures - 1, 0) where key = $1`, [address]);
    });
  }

  /** A token for the device that just signed in: sent back with the next sign-in there. */
  deviceToken(login: string, passwordHash: string | null | undefined): string {
    const issuedAt = String(this.clock().getTime());
    return `${issuedAt}.${this.sign(login, passwordHash, issuedAt)}`;
  }

  /** Whether the token was given to a device that signed in to this login, with its current password, not too long ago. */
  isKnownDevice(token: string | null | undefined, login: string, passwordHash: string | null | undefined): boolean {
    const [issuedAt = '', signature = ''] = (token ?? '').split('.');
    if (!/^\d{1,15}$/.test(issuedAt) || Number(issuedAt) < this.clock().getTime() - DEVICE_TOKEN_DAYS * 86_400_000) return false;
    const expected = Buffer.from(this.sign(login, passwordHash, issuedAt));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(login: string, passwordHash: string | null | undefined, issuedAt: string) {
    return createHmac('sha256', this.deviceKey)
      .update(`${login}\n${passwordHash ?? ''}\n${issuedAt}`)
      .digest('base64url');
  }

  private get windowMs() {
    return this.limits.windowMinutes * 60_000;
  }

  /** The attempt's own back-off counter first (pair, or the login's known devices), then the windows of an unknown device. */
  private keys(login: string, ip: string | null, knownDevice: boolean): CounterKey[] {
    const l = hashed(login);
    if (knownDevice) return [{ key: `device:${l}`, window: null }];
    return [
      { key: `pair:${l}:${ip ?? '-'}`, window: null },
      { key: `login:${l}`, window: this.limits.perLogin },
      ...(ip ? [{ key: `ip:${ip}`, window: this.limits.perIp }] : []),
    ];
  }

  /** How long this counter holds the next try (0: not at all). */
  private waitMs(c: Counter, now: number): number {
    if (c.window !== null) {
      const ends = c.firstAt + this.windowMs;
      return c.failures >= c.window && now < ends ? ends - now : 0;
    }
    if (c.failures < FREE_FAILURES || now - c.lastAt >= FORGET_AFTER_MS) return 0;
    const backoff = Math.min(1000 * 2 ** (c.failures - FREE_FAILURES), MAX_BACKOFF_MS);
    return Math.max(0, c.lastAt + backoff - now);
  }

  private async transaction(work: (client: PoolClient) => Promise<void>) {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await work(client);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw err;
    } finally {
      client.release();
    }
  }
}

interface CounterKey {
  key: string;
  /** A window counter's limit; null for a back-off counter. */
  window: number | null;
}

interface Counter extends CounterKey {
  failures: number;
  firstAt: number;
  lastAt: number;
}

/** The counters' rows, created when missing and locked in key order (no deadlock between parallel attempts). */
async function lock(client: PoolClient, keys: CounterKey[], now: Date): Promise<Counter[]> {
  const names = keys.map((k) => k.key);
  await client.query(
    `insert into login_backoff (key, failures, first_at, last_at) select unnest($1::text[]), 0, $2::timestamptz, $2::timestamptz on conflict (key) do nothing`,
    [[...names].sort(), now],
  );
  // The ORM's pool reads timestamps as text; `Date` parses either.
  const { rows } = await client.query<{ key: string; failures: number; first_at: Date | string; last_at: Date | string }>(
    `select key, failures, first_at, last_at from login_backoff where key = any($1::text[]) order by key for update`,
    [names],
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.map((k) => {
    const row = byKey.get(k.key);
    // Rows are never deleted while the server runs, so the insert above made or found every one.
    if (!row) throw new Error(`the sign-in counter ${k.key} is missing`);
    return { ...k, failures: row.failures, firstAt: new Date(row.first_at).getTime(), lastAt: new Date(row.last_at).getTime() };
  });
}

/** Hashed: any string may be typed as a login, and the table should not collect them. */
const hashed = (login: string) => createHash('sha256').update(login).digest('hex');

const DEVICE_KEY = 'device-token-key';

/** The key that signs device tokens, in `server_setting`: the first instance to start makes it, every instance signs with it. */
export async function deviceTokenKey(em: EntityManager): Promise<Buffer> {
  const connection = em.getConnection();
  await connection.execute(`insert into server_setting (key, value, created_at) values (?, ?, now()) on conflict do nothing`, [
    DEVICE_KEY,
    JSON.stringify(randomBytes(32).toString('base64')),
  ]);
  const [row] = await connection.execute<{ value: string }[]>(`select value from server_setting where key = ?`, [DEVICE_KEY]);
  return Buffer.from(row.value, 'base64');
}

function tooManyAttempts(retryAfterSeconds: number): AppError {
  const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} s` : `${Math.ceil(retryAfterSeconds / 60)} min`;
  return new AppError('TOO_MANY_REQUESTS', 'TOO_MANY_ATTEMPTS', `Too many sign-in attempts. Try again in ${wait}.`, { retryAfterSeconds });
}
