/**
 * Closed-loop load at fixed concurrency, generated in its own process (servers/loader.ts) so that
 * neither the runner nor the server under test shares an event loop or a core's time slice with it.
 * HTTP load goes through autocannon, SQL floors through a `pg` pool. Each run has an unmeasured
 * warm-up first (JIT, pools, caches); CPU is read from /proc at the measured window's edges, for the
 * server under test and for PostgreSQL.
 */
import type { CpuSubjects } from './cpu.js';
import type { Child } from './servers/ipc.js';

interface Common {
  /** Clients, each sending its next request when the last one is answered. */
  connections: number;
  /** Length of the measured window. */
  seconds: number;
  /** Instead of a duration: this many requests per connection (pages that take seconds under load). */
  perConnection?: number;
  /** Unmeasured run first. */
  warmupSeconds: number;
  /** Whose CPU is counted per request. */
  cpu: CpuSubjects;
}

export interface HttpLoad extends Common {
  kind: 'http';
  url: string;
  /** Request bodies and headers, used round-robin across all connections. */
  requests: { body: string; headers: Record<string, string> }[];
}

export interface SqlLoad extends Common {
  kind: 'sql';
  url: string;
  /** Statements, used round-robin across all clients; a named one is prepared once per connection (`pg`'s named statements). */
  statements: { text: string; values: unknown[]; name?: string }[];
}

export type LoadSpec = HttpLoad | SqlLoad;

export interface LoadResult {
  /** Successful requests per second over the measured window. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** The first failure's reason, if any. */
  firstError?: string;
  /** CPU milliseconds per request of the server under test and of PostgreSQL (null: not measured). */
  cpu: { serverMs: number | null; postgresMs: number | null };
}

export async function load(loader: Child, spec: LoadSpec): Promise<LoadResult> {
  const worst = (spec.warmupSeconds + (spec.perConnection ? 600 : spec.seconds)) * 1000 + 60_000;
  const { result } = await loader.request({ type: 'load', spec }, 'loaded', worst);
  return result as LoadResult;
}

/** Server (if there is one: a SQL floor has none) plus PostgreSQL CPU per request, or null when PostgreSQL was not measured. */
export const totalCpu = (r: LoadResult) => (r.cpu.postgresMs === null ? null : (r.cpu.serverMs ?? 0) + r.cpu.postgresMs);

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** A round-robin over `items`. */
export function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

/** "3 failed (first: …)" for a table note, or undefined when every request succeeded. */
export function failureNote(results: LoadResult[]): string | undefined {
  const failures = results.reduce((n, r) => n + r.failures, 0);
  const first = results.find((r) => r.firstError)?.firstError;
  return failures ? `${failures} failed${first ? ` (first: ${first.slice(0, 120)})` : ''}` : undefined;
}
