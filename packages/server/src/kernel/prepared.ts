/**
 * Statements PostgreSQL parses and plans once per connection (issue 16, bench P5). `em.execute` puts the
 * parameters into the text itself (MikroORM's `formatQuery`) and sends it as one simple query: PostgreSQL then
 * parses, analyses and plans the whole text again on every call, which for the big statements of a write (the
 * viewer, the journal's read and its data-modifying CTE) cost more CPU than executing them. `executePrepared`
 * sends the same text as a named prepared statement of `pg` (`$1…` placeholders, the values bound): each pooled
 * connection parses it once, and PostgreSQL's plan cache plans it once too when a generic plan is as good as
 * the custom ones (it compares them over the first five calls).
 *
 * For statements whose text the code fixes (every value a parameter, never spliced in): each distinct text is
 * one prepared statement on every connection for as long as it lives. Inside a transaction the statement goes
 * through the transaction's connection, `em.execute`, as before. Logged to MikroORM's query log like its own
 * (the statement-count tests read it), with the placeholders instead of the values.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { Pool, QueryResult, QueryResultRow } from 'pg';

interface Named {
  name: string;
  text: string;
  placeholders: number;
}

/** By the `?` text the code writes: its name and `$n` text. */
const named = new Map<string, Named>();

function namedOf(text: string): Named {
  let statement = named.get(text);
  if (!statement) {
    let n = 0;
    const numbered = text.replace(/\?/g, () => `$${++n}`);
    statement = { name: `dn_${createHash('sha256').update(numbered).digest('hex').slice(0, 32)}`, text: numbered, placeholders: n };
    named.set(text, statement);
  }
  return statement;
}

/** A value as MikroORM would have put it in the text (dates in UTC, `forceUtcTimezone`); `pg` sends the rest as they are. */
const bound = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** `em.execute(text, params)` (`?` placeholders), its rows, as a prepared statement outside a transaction. */
export async function executePrepared<T extends object>(em: EntityManager, text: string, params: readonly unknown[]): Promise<T[]> {
  if (em.getTransactionContext()) return em.execute<T[]>(text, [...params]);
  const statement = namedOf(text);
  // Every `?` is numbered: one that is not a placeholder (a jsonb `?|`) would shift every value after it.
  if (statement.placeholders !== params.length)
    throw new Error(`executePrepared: ${statement.placeholders} placeholders in the text, ${params.length} values (a "?" that is not a placeholder?)`);
  const pool = await em.getConnection().getNativeClient();
  const started = performance.now();
  const logger = em.config.getLogger();
  try {
    const rows = await onConnection(pool, statement, params.map(bound));
    logger.logQuery({ query: statement.text, took: Math.round(performance.now() - started), results: rows.length, level: 'info' });
    return rows as T[];
  } catch (err) {
    logger.logQuery({ query: statement.text, took: Math.round(performance.now() - started), level: 'error' });
    throw err;
  }
}

/** PostgreSQL's "cached plan must not change result type": a statement prepared before a change of the tables it reads. */
const STALE_PLAN = '0A000';

/**
 * The statement on a pooled connection. A connection whose prepared statement went stale (a restore swapped the
 * schema, a migration changed a type: PostgreSQL refuses to re-plan it with another result type) is closed rather
 * than given back, and the statement is run again on another, where it is prepared afresh — every pooled
 * connection may hold the stale one, so at most as many times as the pool has connections, and once more.
 */
async function onConnection(pool: Pool, statement: Named, values: unknown[]): Promise<QueryResultRow[]> {
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    try {
      const { rows }: QueryResult<QueryResultRow> = await client.query({ name: statement.name, text: statement.text, values });
      client.release();
      return rows;
    } catch (err) {
      const stale = (err as { code?: string }).code === STALE_PLAN;
      client.release(stale ? (err as Error) : undefined);
      if (!stale || attempt > (pool.options.max ?? 10)) throw err;
    }
  }
}
