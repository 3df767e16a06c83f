import pg from 'pg';

/** Creates the database on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Node's socket errors of a connection that cannot be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** SQLSTATEs of a server going away: class 08 (connection exception), shutdowns, a server still starting. */
const UNAVAILABLE_STATES = /^(08...|57P01|57P02|57P03)$/;

/**
 * Whether `err` says the database is out of reach (down, restarting, the connection cut), as opposed to
 * a statement that failed: what waits and retries instead of failing. Looks through wrapped causes (the
 * ORM wraps the driver's error).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    // Connecting to a host name with several addresses fails with an AggregateError of each attempt.
    if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
    if (typeof message === 'string' && /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(message)) {
      return true;
    }
  }
  return false;
}
