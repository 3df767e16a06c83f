/** The few messages between the runner and its child processes (servers and client fleets). */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

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

/** Where a process's memory is, after a full collection (P4: what a connection's bytes are). */
export interface MemoryBreakdown {
  rss: number;
  /**
   * The RSS's anonymous part (heap, malloc, stacks) and its file-backed part (pages of node's executable and
   * libraries this process has touched: code run for the first time, shared with every node process).
   */
  rssAnon: number;
  rssFile: number;
  /** V8's heap: committed in all, used by live objects, and per space (new, old, code, large objects…) its committed bytes. */
  heapTotal: number;
  heapUsed: number;
  spaces: Record<string, number>;
  /** Memory of C++ objects tied to JavaScript ones, Buffers included. */
  external: number;
  arrayBuffers: number;
}

/** A size field (`VmRSS`, `RssAnon`…) of /proc/<pid>/status, in bytes (Linux). */
function statusBytes(pid: number | 'self', field: string): number {
  const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return Number(kb?.[1] ?? 0) * 1024;
}

function memoryBreakdown(): MemoryBreakdown {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  return { rss, rssAnon: statusBytes('self', 'RssAnon'), rssFile: statusBytes('self', 'RssFile'), heapTotal, heapUsed, spaces, external, arrayBuffers };
}

/** A window's stalls of one process (`Child.stalls`): how late its event loop ran, and its GC pauses. */
export interface Stalls {
  /** Event-loop delay percentiles and maximum, ms (sampled every millisecond). */
  loop: { p50: number; p99: number; max: number };
  /** GC pauses: count, total and longest ms, and how many took 5 ms or more; the longest by kind. */
  gc: { count: number; totalMs: number; maxMs: number; over5ms: number; maxMsByKind: Record<string, number> };
}

const GC_KINDS: [number, string][] = [
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
];

/** What a child records between `stalls` `{ on: true }` and `stalls`. */
class StallWindow {
  private readonly loop = monitorEventLoopDelay({ resolution: 1 });
  private pauses: { kind: string; ms: number }[] = [];
  private readonly gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // A GC entry's detail says its kind (Node's NODE_PERFORMANCE_GC_* flags).
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      this.pauses.push({ kind: GC_KINDS.find(([k]) => k === kind)?.[1] ?? String(kind), ms: entry.duration });
    }
  });

  start() {
    this.pauses = [];
    this.loop.reset();
    this.loop.enable();
    this.gc.observe({ entryTypes: ['gc'] });
  }

  read(): Stalls {
    this.loop.disable();
    this.gc.disconnect();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const maxMsByKind: Record<string, number> = {};
    for (const { kind, ms: pause } of this.pauses) maxMsByKind[kind] = Math.max(maxMsByKind[kind] ?? 0, Math.round(pause * 100) / 100);
    return {
      loop: { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) },
      gc: {
        count: this.pauses.length,
        totalMs: Math.round(this.pauses.reduce((n, p) => n + p.ms, 0) * 100) / 100,
        maxMs: Math.max(0, ...Object.values(maxMsByKind)),
        over5ms: this.pauses.filter((p) => p.ms >= 5).length,
        maxMsByKind,
      },
    };
  }
}

/**
 * Announces `ready` with `info`, then stops cleanly on `stop` or when the runner goes away. `gc`
 * collects garbage (children started with --expose-gc) before the runner reads the RSS; `stalls`
 * opens (`on: true`) and reads a window of the process's event-loop delay and GC pauses.
 */
export function serveUntilParentLeaves(info: Record<string, unknown>, stop: () => Promise<void>) {
  let stopping = false;
  const end = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => {});
    process.exit(0);
  };
  const stalls = new StallWindow();
  process.on('message', (msg: Message) => {
    if (msg.type === 'stop') void end();
    if (msg.type === 'stalls') {
      if (msg.on) stalls.start();
      reply({ type: 'stalls', ...(msg.on ? {} : { stalls: stalls.read() }) });
    }
    if (msg.type === 'gc') {
      globalThis.gc?.();
      reply({ type: 'gc', memory: memoryBreakdown() });
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

  /** Opens a window of the child's stalls (event-loop delay, GC pauses), read by `stalls()`. */
  async watchStalls(): Promise<void> {
    await this.request({ type: 'stalls', on: true }, 'stalls');
  }

  /** The stalls since `watchStalls()`. */
  async stalls(): Promise<Stalls> {
    return (await this.request({ type: 'stalls' }, 'stalls')).stalls as Stalls;
  }

  /** Where the child's memory is after a full garbage collection (its RSS read from /proc, as `rss()`). */
  async settledMemory(): Promise<MemoryBreakdown> {
    const { memory } = await this.request({ type: 'gc' }, 'gc');
    return { ...(memory as MemoryBreakdown), rss: this.rss() };
  }

  /** Resident set size in bytes, from /proc (Linux). */
  rss(): number {
    return statusBytes(this.pid, 'VmRSS');
  }

  async stop() {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
