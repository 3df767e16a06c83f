import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../graphql/errors.js';

/** Created by migration Migration20261125140000_login_throttle, in rate-limiter-flexible's own layout. */
const TABLE = 'login_throttle';

export interface LoginThrottleLimits {
  perLogin: number;
  perIp: number;
  windowMinutes: number;
}

/**
 * Limits password guessing: per login (one account attacked from anywhere) and per client address
 * (one machine trying many accounts). Counters live in PostgreSQL, shared by every server instance.
 *
 * An attempt is counted before the password is checked, atomically, so parallel requests cannot slip
 * past the limit, and a blocked login learns nothing even from the right password. A correct password
 * starts the login's count over and takes the attempt back from the address: a school's shared
 * address is limited by its failures only.
 */
export class LoginThrottle {
  private readonly byLogin: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(pool: Pool, limits: LoginThrottleLimits) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      duration: limits.windowMinutes * 60,
    };
    this.byLogin = new RateLimiterPostgres({ ...common, keyPrefix: 'login', points: limits.perLogin });
    this.byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'ip', points: limits.perIp });
  }

  /** Counts an attempt; TOO_MANY_REQUESTS once the login or the address is over its limit. */
  async attempt(login: string, ip: string | null): Promise<void> {
    const results = await Promise.allSettled([
      this.byLogin.consume(loginKey(login)),
      ...(ip ? [this.byIp.consume(ip)] : []),
    ]);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when the store fails.
    const storeFailure = refusals.find((r) => !(r instanceof RateLimiterRes));
    if (storeFailure) throw storeFailure;
    if (refusals.length) {
      const ms = Math.max(...refusals.map((r) => (r as RateLimiterRes).msBeforeNext));
      throw tooManyAttempts(Math.max(1, Math.ceil(ms / 1000)));
    }
  }

  /** The password was right. */
  async succeeded(login: string, ip: string | null): Promise<void> {
    await Promise.all([this.byLogin.delete(loginKey(login)), ...(ip ? [this.byIp.reward(ip)] : [])]);
  }
}

/** Hashed: any string may be typed as a login, and the table should not collect them. */
const loginKey = (login: string) => createHash('sha256').update(login).digest('hex');

function tooManyAttempts(retryAfterSeconds: number): AppError {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} s`
      : `${Math.ceil(retryAfterSeconds / 60)} min`;
  return new AppError('TOO_MANY_REQUESTS', `Too many sign-in attempts. Try again in ${wait}.`, { retryAfterSeconds });
}
