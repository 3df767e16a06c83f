/** The few messages between the runner and its child processes (servers and client fleets). */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Message = { type: string; [key: string]: unknown };

/**
 * performance.now()'s distance from the wall clock, read at the instant Date.now() ticks to the next
 * millisecond (its value is then exact), median of five.
 */
function wallOffset(): number {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = Date.now();
    let t: number;
    let wall: number;
    do {
      t = performance.now();
      wall = Date.now();
    } while (wall === start);
    samples.push(wall - t);
  }
  return samples.sort((a, b) => a - b)[2];
}
const offset = wallOffset();

/**
 * Wall-clock time in milliseconds with microsecond resolution, comparable across processes and with
 * PostgreSQL's commit timestamps (the same machine's clock).
 */
export const now = () => performance.now() + offset;

export function reply(msg: Message) {
  process.send!(msg);
}

export function onParentMessage(handle: (msg: Message) => void | Promise<void>) {
  process.on('message', (msg: Message) => void handle(msg));
}

/**
 * Announces `ready` with `info`, then stops cleanly on `stop` or when the runner goes away. `gc`
 * collects garbage (children started with --expose-gc) before the runner reads the RSS.
 */
export function serveUntilParentLeaves(info: Record<string, unknown>, stop: () => Promise<void>) {
  let stopping = false;
  const end = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => {});
    process.exit(0);
  };
  process.on('message', (msg: Message) => {
    if (msg.type === 'stop') void end();
    if (msg.type === 'gc') {
      globalThis.gc?.();
      reply({ type: 'gc' });
    }
  });
  process.on('disconnect', () => void end());
  reply({ type: 'ready', ...info });
}

/** How long a child may take to answer a request, unless the request says otherwise. */
const ANSWER_MS = 120_000;

/** A child process of this package, run through tsx like the runner itself. */
export class Child {
  /** Every child not yet stopped: a scenario that times out has its children stopped by the runner. */
  static readonly living = new Set<Child>();
  private waiting = new Map<string, ((msg: Message) => void)[]>();
  private exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly script: string,
  ) {
    proc.on('message', (msg: Message) => {
      const queue = this.waiting.get(msg.type);
      queue?.shift()?.(msg);
    });
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code) => {
        Child.living.delete(this);
        resolve(code);
      }),
    );
    Child.living.add(this);
  }

  /** Starts `script` (relative to src/) and waits for its `ready` message. */
  static async start(script: string, env: Record<string, string>, opts: { execArgv?: string[]; timeoutMs?: number } = {}) {
    const proc = fork(fileURLToPath(new URL(`../${script}`, import.meta.url)), [], {
      env: { ...process.env, ...env },
      execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = new Child(proc, script);
    const ready = await Promise.race([
      child.next('ready'),
      child.exited.then((code) => {
        throw new Error(`${script} exited with ${code} before it was ready`);
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${script} was not ready in time`)), opts.timeoutMs ?? 60_000)),
    ]);
    child.info = ready;
    return child;
  }

  info: Message = { type: 'ready' };

  get pid(): number {
    return this.proc.pid!;
  }

  send(msg: Message) {
    if (this.proc.connected) this.proc.send(msg);
  }

  next(type: string): Promise<Message> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(type) ?? [];
      queue.push(resolve);
      this.waiting.set(type, queue);
    });
  }

  /** Sends `msg` and waits for the answer of type `answer`; rejects when the child dies, answers with `error` or is silent for `timeoutMs`. */
  async request(msg: Message, answer: string, timeoutMs = ANSWER_MS): Promise<Message> {
    const next = this.next(answer);
    this.send(msg);
    let timer: NodeJS.Timeout | undefined;
    try {
      const got = await Promise.race([
        next,
        this.exited.then((code) => {
          throw new Error(`${this.script} exited with ${code} while asked for ${answer}`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${this.script} did not answer ${msg.type} within ${timeoutMs / 1000} s`)), timeoutMs);
        }),
      ]);
      if (got.error) throw new Error(`${this.script}: ${String(got.error)}`);
      return got;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resident set size in bytes after a full garbage collection. */
  async settledRss(): Promise<number> {
    await this.request({ type: 'gc' }, 'gc');
    return this.rss();
  }

  /** Resident set size in bytes, from /proc (Linux). */
  rss(): number {
    const kb = readFileSync(`/proc/${this.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return Number(kb?.[1] ?? 0) * 1024;
  }

  async stop() {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
