/** The few messages between the runner and its child processes (servers and client fleets). */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Message = { type: string; [key: string]: unknown };

/** Absolute time in milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();

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

/** A child process of this package, run through tsx like the runner itself. */
export class Child {
  private waiting = new Map<string, ((msg: Message) => void)[]>();
  private exited: Promise<number | null>;

  private constructor(readonly proc: ChildProcess) {
    proc.on('message', (msg: Message) => {
      const queue = this.waiting.get(msg.type);
      queue?.shift()?.(msg);
    });
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  /** Starts `script` (relative to src/) and waits for its `ready` message. */
  static async start(script: string, env: Record<string, string>, opts: { execArgv?: string[]; timeoutMs?: number } = {}) {
    const proc = fork(fileURLToPath(new URL(`../${script}`, import.meta.url)), [], {
      env: { ...process.env, ...env },
      execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = new Child(proc);
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
    this.proc.send(msg);
  }

  next(type: string): Promise<Message> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(type) ?? [];
      queue.push(resolve);
      this.waiting.set(type, queue);
    });
  }

  async request(msg: Message, answer: string): Promise<Message> {
    const next = this.next(answer);
    this.send(msg);
    return next;
  }

  /** Resident set size in bytes after a full garbage collection. */
  async settledRss(): Promise<number> {
    await this.request({ type: 'gc' }, 'gc');
    return this.rss();
  }

  /** CPU time (user + system) the process has used so far, in milliseconds, from /proc (Linux): unlike wall time, barely moved by other load on the machine. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 10 ms (fields 14 and 15 of stat, counted after the command name).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** Resident set size in bytes, from /proc (Linux). */
  rss(): number {
    const kb = readFileSync(`/proc/${this.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return Number(kb?.[1] ?? 0) * 1024;
  }

  async stop() {
    if (this.proc.exitCode !== null) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
