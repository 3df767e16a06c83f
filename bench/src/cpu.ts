/**
 * CPU time from /proc (Linux), so that "CPU per request" counts every process doing the work: the
 * server's and PostgreSQL's (its postmaster, the backends serving the run, and the background writers).
 * Unlike wall time, CPU time barely moves with other load on the machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of utime/stime in /proc (USER_HZ, 100 on every Linux this runs on). */
const TICK_MS = 10;

/** Fields 3… of /proc/<pid>/stat (state, ppid, …), or null for a process that is gone. */
function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may itself contain spaces.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU milliseconds (user + system) one process has used so far. */
export function processCpuMs(pid: number): number {
  const f = stat(pid);
  // utime and stime are fields 14 and 15 of stat: 11 and 12 counted from field 3.
  return f ? (Number(f[11]) + Number(f[12])) * TICK_MS : 0;
}

/**
 * CPU milliseconds PostgreSQL has used so far: the postmaster, every living child (backends, WAL writer,
 * checkpointer, …) and the children that have ended (cutime/cstime), so that connections closed during a
 * window still count.
 */
export function postgresCpuMs(postmaster: number): number {
  const own = stat(postmaster);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    const f = stat(pid);
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_MS;
}

/** The processes whose CPU a measurement counts: the server under test (if any) and PostgreSQL (if local). */
export interface CpuSubjects {
  server?: number;
  postmaster?: number;
}

export interface CpuSample {
  serverMs: number;
  postgresMs: number;
}

export function sampleCpu(subjects: CpuSubjects): CpuSample {
  return {
    serverMs: subjects.server ? processCpuMs(subjects.server) : 0,
    postgresMs: subjects.postmaster ? postgresCpuMs(subjects.postmaster) : 0,
  };
}

/** CPU per unit of work between two samples, or null for a subject that was not measured. */
export function cpuPer(subjects: CpuSubjects, before: CpuSample, after: CpuSample, units: number) {
  const per = (ms: number, measured: boolean) => (measured && units ? ms / units : null);
  return {
    serverMs: per(after.serverMs - before.serverMs, !!subjects.server),
    postgresMs: per(after.postgresMs - before.postgresMs, !!subjects.postmaster),
  };
}

/** The postmaster of the server behind a backend's pid, when PostgreSQL runs on this machine. */
export function postmasterOf(backendPid: number): number | undefined {
  const f = stat(backendPid);
  return f ? Number(f[1]) : undefined;
}
