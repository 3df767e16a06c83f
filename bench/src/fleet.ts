/** Client fleets (servers/clients.ts): WebSocket clients in child processes, 5,000 per process, each from its own source address. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../packages/server/src/config.js';
import type { Connection, OpenSpec } from './servers/clients.js';
import { Child } from './servers/ipc.js';

const PER_PROCESS = 5000;

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
        return part.length ? child.request({ type: 'open', spec: { ...spec, connections: part, address: `127.0.0.${2 + k}` } }, 'opened') : { failures: 0 };
      }),
    );
    return answers.reduce((n, a) => n + (a.failures as number), 0);
  }

  /** Receipt times of live events by id, from every process, and failures seen meanwhile. */
  async receipts(): Promise<{ receipts: [string, number][]; failures: number; sample: unknown }> {
    const answers = await Promise.all(this.children.map((c) => c.request({ type: 'receipts' }, 'receipts')));
    return {
      receipts: answers.flatMap((a) => a.receipts as [string, number][]),
      failures: answers.reduce((n, a) => n + (a.failures as number), 0),
      sample: answers.find((a) => a.sample)?.sample,
    };
  }

  async close() {
    await Promise.all(this.children.map((c) => c.request({ type: 'close' }, 'closed')));
  }

  async stop() {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}

/** Whether the printed schema has the `diaryEvents` subscription (P1 and P4 need it). */
export async function hasDiaryEvents(): Promise<boolean> {
  const schema = await readFile(join(repoRoot, 'schema.graphql'), 'utf8');
  const subscription = schema.match(/type Subscription \{([\s\S]*?)\n\}/)?.[1] ?? '';
  return /\bdiaryEvents\(/.test(subscription);
}
