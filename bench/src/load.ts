/**
 * HTTP load at fixed concurrency with autocannon. Latency percentiles are computed from every
 * response time (autocannon's own histogram resolves whole milliseconds; the screens here answer
 * in fractions of one). Every response body is checked: a GraphQL error counts as a failure.
 */
import autocannon from 'autocannon';
import type { Child } from './servers/ipc.js';

export interface LoadResult {
  /** Successful requests per second over the measured window. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** CPU milliseconds the server process spent per request (when `server` is given). */
  cpuMsPerRequest?: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /** Instead of a duration: this many requests per connection (for pages that take seconds under load). */
  perConnection?: number;
  /** Request bodies and headers, used round-robin across all connections. */
  next: () => { body: string; headers: Record<string, string> };
  /** Whether a response body is a success (defaults to: JSON with `data` and no `errors`). */
  ok?: (body: string) => boolean;
  /** Unmeasured run first (JIT, pools, caches). */
  warmupSeconds?: number;
  /** The server's process, to measure its CPU time per request. */
  server?: Child;
}

const graphqlOk = (body: string) => body.startsWith('{"data":') && !body.includes('"errors":');

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

async function run(spec: LoadSpec, seconds: number, perConnection?: number): Promise<LoadResult> {
  const ok = spec.ok ?? graphqlOk;
  const times: number[] = [];
  let failures = 0;
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    ...(perConnection ? { amount: perConnection * spec.connections } : { duration: seconds }),
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          const { body, headers } = spec.next();
          return { ...req, body, headers: { ...req.headers, 'content-type': 'application/json', ...headers } };
        },
        onResponse: (status, body) => {
          if (status !== 200 || !ok(body)) failures++;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return { rps: (times.length - failures) / result.duration, p50: percentile(times, 50), p99: percentile(times, 99), requests: times.length, failures };
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupSeconds) await run(spec, spec.warmupSeconds, spec.perConnection && 1);
  const cpu = spec.server?.cpuMs();
  const result = await run(spec, spec.seconds, spec.perConnection);
  if (spec.server) result.cpuMsPerRequest = (spec.server.cpuMs() - cpu!) / result.requests;
  return result;
}

/** A round-robin over `items`. */
export function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}
