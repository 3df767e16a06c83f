/** Client fleets (servers/clients.ts): WebSocket clients in child processes, 5,000 per process, each from its own source address. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../packages/server/src/config.js';
import type { Connection, OpenSpec } from './servers/clients.js';
import { Child, type Stalls } from './servers/ipc.js';

const PER_PROCESS = 5000;
/** Opening takes ~1–5 ms per connection on an idle machine, ~35 ms on a busy one; more than this is a hung run. */
const OPEN_MS = (n: number) => 120_000 + n * 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Fleet {
  private constructor(private readonly children: Child[]) {}

  static async start(connections: number): Promise<Fleet> {
    const count = Math.max(1, Math.ceil(connections / PER_PROCESS));
    return new Fleet(await Promise.all(Array.from({ length: count }, () => Child.start('servers/clients.ts', {}))));
  }

  /**
   * Opens connections[from, to): process k holds connections [5000k, 5000(k+1)) from source address
   * 127.0.0.(2+k). Resolves with how many failed.
   */
  async open(spec: Omit<OpenSpec, 'connections' | 'address'>, connections: Connection[], from = 0, to = connections.length): Promise<number> {
    const answers = await Promise.all(
      this.children.map((child, k) => {
        const part = connections.slice(Math.max(from, k * PER_PROCESS), Math.min(to, (k + 1) * PER_PROCESS));
        return part.length
          ? child.request({ type: 'open', spec: { ...spec, connections: part, address: `127.0.0.${2 + k}` } }, 'opened', OPEN_MS(part.length))
          : Promise.resolve({ failures: 0 });
      }),
    );
    return answers.reduce((n, a) => n + (a.failures as number), 0);
  }

  /** How many live events the fleet has received so far. */
  async received(): Promise<number> {
    const answers = await Promise.all(this.children.map((c) => c.request({ type: 'count' }, 'count')));
    return answers.reduce((n, a) => n + (a.received as number), 0);
  }

  /** Waits until `expected` events have arrived, or none has for `quietMs`, or `maxMs` have passed (the rest are lost). */
  async settle(expected: number, quietMs = 3000, maxMs = 180_000): Promise<void> {
    let last = -1;
    let since = performance.now();
    const until = since + maxMs;
    for (;;) {
      const got = await this.received();
      if (got >= expected || performance.now() > until) return;
      if (got !== last) [last, since] = [got, performance.now()];
      else if (performance.now() - since > quietMs) return;
      await sleep(50);
    }
  }

  /** Receipt times of live events by mark id, from every process, and failures seen meanwhile. */
  async receipts(): Promise<{ receipts: [string, number][]; failures: number; sample: unknown }> {
    const answers = await Promise.all(this.children.map((c) => c.request({ type: 'receipts' }, 'receipts')));
    return {
      receipts: answers.flatMap((a) => a.receipts as [string, number][]),
      failures: answers.reduce((n, a) => n + (a.failures as number), 0),
      sample: answers.find((a) => a.sample)?.sample,
    };
  }

  /** Opens a window of every client process's stalls (a late receipt may be the client's). */
  async watchStalls(): Promise<void> {
    await Promise.all(this.children.map((c) => c.watchStalls()));
  }

  /** Each client process's stalls since `watchStalls()`. */
  stalls(): Promise<Stalls[]> {
    return Promise.all(this.children.map((c) => c.stalls()));
  }

  async close() {
    await Promise.all(this.children.map((c) => c.request({ type: 'close' }, 'closed')));
  }

  async stop() {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}

/** Whether the printed schema has the subscription `field` (P1, P4 and P6 need theirs). */
export async function hasSubscription(field: string): Promise<boolean> {
  const schema = await readFile(join(repoRoot, 'schema.graphql'), 'utf8');
  const subscription = schema.match(/type Subscription \{([\s\S]*?)\n\}/)?.[1] ?? '';
  return new RegExp(`\\b${field}\\(`).test(subscription);
}
