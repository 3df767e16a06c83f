/**
 * Child process: the load generator (see load.ts). Latency percentiles are computed from every
 * response time (autocannon's own histogram resolves whole milliseconds; the screens here answer in
 * fractions of one). Every response body is checked: a GraphQL error counts as a failure.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuPer, sampleCpu } from '../cpu.js';
import { cycle, percentile, type HttpLoad, type LoadResult, type LoadSpec, type SqlLoad } from '../load.js';
import { onParentMessage, reply, serveUntilParentLeaves } from './ipc.js';

const graphqlOk = (body: string) => body.startsWith('{"data":') && !body.includes('"errors":');

interface Window {
  times: number[];
  /** Answered, but not a success. */
  bad: number;
  /** Not answered: connection errors and timeouts. */
  lost: number;
  firstError?: string;
  seconds: number;
}

async function http(spec: HttpLoad, seconds: number, perConnection: number | undefined): Promise<Window> {
  const times: number[] = [];
  let failures = 0;
  let firstError: string | undefined;
  const next = cycle(spec.requests);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        ...(perConnection ? { amount: perConnection * spec.connections } : { duration: seconds }),
        method: 'POST',
        requests: [
          {
            setupRequest: (req) => {
              const { body, headers } = next();
              return { ...req, body, headers: { ...req.headers, 'content-type': 'application/json', ...headers } };
            },
            onResponse: (status, body) => {
              if (status === 200 && graphqlOk(body)) return;
              failures++;
              firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
            },
          },
        ],
      },
      (err, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return { times, bad: failures, lost: result.errors + result.timeouts, firstError, seconds: result.duration };
}

let pool: pg.Pool | undefined;
let poolKey = '';

async function sql(spec: SqlLoad, seconds: number, perClient: number | undefined): Promise<Window> {
  // One pool per (database, size), kept from the warm-up into the measured window.
  if (poolKey !== `${spec.url} ${spec.connections}`) {
    await pool?.end();
    pool = new pg.Pool({ connectionString: spec.url, max: spec.connections });
    poolKey = `${spec.url} ${spec.connections}`;
  }
  const next = cycle(spec.statements);
  const times: number[] = [];
  let lost = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const until = perClient ? Number.POSITIVE_INFINITY : started + seconds * 1000;
  const loop = async () => {
    for (let i = 0; i < (perClient ?? Number.POSITIVE_INFINITY) && performance.now() < until; i++) {
      const { text, values, name } = next();
      const t = performance.now();
      try {
        await pool!.query({ text, values, name });
        times.push(performance.now() - t);
      } catch (err) {
        lost++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  return { times, bad: 0, lost, firstError, seconds: (performance.now() - started) / 1000 };
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const go = (seconds: number, perConnection?: number) => (spec.kind === 'http' ? http(spec, seconds, perConnection) : sql(spec, seconds, perConnection));
  if (spec.warmupSeconds) await go(spec.warmupSeconds, spec.perConnection && 1);
  const before = sampleCpu(spec.cpu);
  const w = await go(spec.seconds, spec.perConnection);
  const after = sampleCpu(spec.cpu);
  w.times.sort((a, b) => a - b);
  return {
    rps: (w.times.length - w.bad) / w.seconds,
    p50: percentile(w.times, 50),
    p99: percentile(w.times, 99),
    requests: w.times.length,
    failures: w.bad + w.lost,
    ...(w.firstError ? { firstError: w.firstError } : {}),
    cpu: cpuPer(spec.cpu, before, after, w.times.length),
  };
}

onParentMessage(async (msg) => {
  if (msg.type === 'load') {
    try {
      reply({ type: 'loaded', result: await run(msg.spec as LoadSpec) });
    } catch (err) {
      reply({ type: 'loaded', error: String(err) });
    }
  }
});
serveUntilParentLeaves({}, async () => {
  await pool?.end();
});
