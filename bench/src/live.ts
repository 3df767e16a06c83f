/**
 * What P1 and P6 share: latency from COMMIT to receipt. PostgreSQL stamps every commit with its time
 * (track_commit_timestamp, see database.ts); after a run the bench reads the commit time of each
 * written row (`pg_xact_commit_timestamp(xmin)`), so neither the writer's own answer nor anything
 * before the commit is counted. Receipt times are wall-clock times of the same machine (ipc.ts).
 * Ours: marks written by `putMark`. The floor: the bench's writer commits a row and a NOTIFY in one
 * statement; the bare `ws` server LISTENs and forwards (servers/raw-ws.ts).
 */
import pg from 'pg';
import { percentile } from './load.js';

/** The channel the floor's writer notifies and the bare `ws` server listens on. */
export const FLOOR_CHANNEL = 'bench_floor';

/** Commit time (epoch milliseconds, microsecond precision) of each row of `table` by id. */
export async function commitTimes(url: string, table: 'mark' | 'bench_floor_event', ids: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; committed: string | null }>(
      `select id::text, extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000 as committed from ${table} where id::text = any($1::text[])`,
      [ids],
    );
    return new Map(rows.filter((r) => r.committed !== null).map((r) => [r.id, Number(r.committed)]));
  } finally {
    await client.end();
  }
}

export interface Latencies {
  p50: number;
  p99: number;
  max: number;
  received: number;
  expected: number;
  /** Deliveries per second: all received over the time from the first commit to the last receipt. */
  messagesPerSecond: number;
}

export function latencies(commits: Map<string, number>, receipts: [string, number][], expected: number): Latencies {
  const known = receipts.filter(([id]) => commits.has(id));
  const times = known.map(([id, at]) => at - commits.get(id)!).sort((a, b) => a - b);
  const first = Math.min(...commits.values());
  const last = Math.max(...known.map(([, at]) => at));
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
    received: times.length,
    expected,
    messagesPerSecond: known.length ? known.length / ((last - first) / 1000) : 0,
  };
}

/** The floor's writer: one statement commits a row (for its commit time) and the NOTIFY the bare `ws` server forwards. */
export async function floorWriter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table if not exists bench_floor_event (id text primary key)`);
  return {
    async send(id: string, key: string, payload: string) {
      await client.query(`with e as (insert into bench_floor_event (id) values ($1) returning id) select pg_notify('${FLOOR_CHANNEL}', $2) from e`, [
        id,
        JSON.stringify({ key, payload }),
      ]);
    },
    close: () => client.end(),
  };
}

/** A payload of the same shape as ours, naming the floor's event `id` as its mark. */
export const floorPayload = (sample: unknown, id: string) =>
  JSON.stringify(sample ?? { data: { event: { mark: { id: '' } } } }).replace(/"mark":\{"id":"[^"]*"/, `"mark":{"id":"${id}"`);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `send(i)` `count` times at `rate` per second, on schedule (open loop: a slow answer does not delay the next). */
export async function steady(rate: number, count: number, send: (i: number) => Promise<void>) {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(i));
  }
  await Promise.all(pending);
}
