/**
 * Domain time comes from the injected clock (kernel/clock.ts), never from the wall clock: a test that
 * pins the clock must see the same "today" everywhere, and no test may depend on the real date (CI
 * runs the server tests again 400 days ahead under faketime). This scans the server's code for reads
 * of the wall clock; the few that are meant are listed here, each with its reason (and in
 * docs/ARCHITECTURE.md, "Time").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Reads of the wall clock: in TypeScript, and in SQL text. */
const WALL_CLOCK = [
  /\bnew Date\(\s*\)/,
  /\bDate\.now\(\)/,
  /(?<![\w.])now\(\)/i,
  /\b(current_date|current_time|current_timestamp|localtime|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp)\b/i,
  /'(now|today|tomorrow|yesterday)'/i,
];

/** The wall-clock reads that are meant: file (under packages/server/src), a piece of the line, why. */
const ALLOWED: { file: string; line: string; why: string }[] = [
  { file: 'kernel/clock.ts', line: 'systemClock: Clock = () => new Date()', why: 'the system clock itself: main.ts and the CLI pass it' },
  { file: 'modules/auth/session.entity.ts', line: 'createdAt: Date = new Date()', why: 'sessions are created and checked on the same wall clock' },
  { file: 'modules/auth/auth.service.ts', line: 'expiresAt: new Date(Date.now() +', why: 'session expiry, checked by the viewer query on the database clock' },
  { file: 'modules/auth/auth.service.ts', line: 'revokedAt: new Date()', why: 'logout ends the session on the clock sessions live by' },
  { file: 'modules/auth/auth.service.ts', line: 's.expires_at > now()', why: 'session expiry (see startSession)' },
  {
    file: 'realtime/sockets.ts',
    line: 'this.initWait.add(socket, Date.now() + this.settings.initWaitMs)',
    why: 'socket housekeeping: how long a new WebSocket may wait before connection_init',
  },
  {
    file: 'realtime/sockets.ts',
    line: 'const now = Date.now();',
    why: "the sockets' one round: keep-alive, init wait and session expiry (sessions live by the wall clock)",
  },
  { file: 'modules/auth/oidc.entity.ts', line: 'linkedAt: Date = new Date()', why: 'OIDC sign-in bookkeeping, stamped at sign-in' },
  { file: 'modules/auth/oidc.entity.ts', line: 'createdAt: Date = new Date()', why: 'OIDC attempts and one-time sign-in codes: their TTLs' },
  { file: 'modules/auth/oidc.service.ts', line: 'Date.now() - attempt.createdAt', why: 'OIDC attempt TTL' },
  { file: 'modules/auth/oidc.service.ts', line: 'Date.now() - row.createdAt', why: 'OIDC one-time code TTL' },
  { file: 'realtime/domain-event.entity.ts', line: 'at: Date = new Date()', why: 'the outbox stamps events with the wall clock (ages, retention)' },
  {
    file: 'realtime/domain-event.entity.ts',
    line: 'const outboxStamp = () => new Date()',
    why: 'the same outbox stamp, for rows the journal writes in SQL',
  },
  {
    file: 'graphql/screen-cache.ts',
    line: 'Date.now() - hit.keptAt',
    why: "a kept screen's age in the process: the safety net for changes that announce nothing",
  },
  { file: 'graphql/screen-cache.ts', line: 'keptAt: Date.now()', why: 'the same age, from when the screen was kept' },
  { file: 'realtime/realtime.ts', line: 'Date.now() - this.settings.outboxRetentionDays', why: 'outbox retention: event ages' },
  { file: 'modules/notifications/worker.ts', line: 'Date.now() - event.at.getTime()', why: 'outbox event age: too old to notify' },
  {
    file: 'modules/notifications/metrics.ts',
    line: 'extract(epoch from now() - min(e.at))',
    why: "the notice backlog's age, on the outbox's wall-clock stamps",
  },
  { file: 'db/embedded-postgres.ts', line: 'const deadline = Date.now() + 60_000', why: 'how long a stale PostgreSQL may take to stop: process supervision' },
  { file: 'db/embedded-postgres.ts', line: 'if (Date.now() > deadline)', why: 'the same wait' },
  {
    file: 'db/migrations/Migration20261202080000_one_writer_wins.ts',
    line: 'set "revoked_at" = now()',
    why: 'a migration repairs data when it runs, on the database clock',
  },
  { file: 'modules/auth/login-throttle.ts', line: 'values (?, ?, now()) on conflict do nothing', why: 'when the installation generated its device-token key' },
  { file: 'modules/notifications/vapid.ts', line: 'values (?, ?, now())', why: 'when the installation generated its Web Push keys' },
  { file: 'ops/backup.ts', line: 'createdAt: new Date().toISOString()', why: 'a backup file records when it was taken' },
];

/** Test code and the test harness may read the wall clock (timeouts, expiry checks). */
const isTestCode = (file: string) => file.endsWith('.test.ts') || file.endsWith('.fixture.ts') || file.split('/').includes('testing');

function serverFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !isTestCode(f))
    .sort();
}

/** Every line that reads the wall clock and is not allowed, as `file:line: text`; and the allowances nothing used. */
function wallClockReads(files: string[], read: (file: string) => string) {
  const used = new Set<(typeof ALLOWED)[number]>();
  const offending: string[] = [];
  for (const file of files) {
    read(file)
      .split('\n')
      .forEach((text, i) => {
        if (!WALL_CLOCK.some((re) => re.test(text))) return;
        const allowance = ALLOWED.find((a) => a.file === file && text.includes(a.line));
        if (allowance) used.add(allowance);
        else offending.push(`${file}:${i + 1}: ${text.trim()}`);
      });
  }
  return { offending, unused: ALLOWED.filter((a) => !used.has(a)).map((a) => `${a.file}: ${a.line}`) };
}

describe('one clock for domain time', () => {
  it('reads the wall clock only where the allow-list says why', () => {
    const files = serverFiles();
    expect(files.length).toBeGreaterThan(100);
    const { offending, unused } = wallClockReads(files, (f) => readFileSync(join(SRC, f), 'utf8'));
    expect(offending, 'take "now" from the injected Clock (kernel/clock.ts), or pass the day as an SQL parameter').toEqual([]);
    expect(unused, 'allowances that match nothing any more: remove them').toEqual([]);
  });

  it('catches each kind of wall-clock read, in TypeScript and in SQL', () => {
    const lines = [
      'const at = new Date();',
      'const ms = Date.now();',
      'where starts_on <= current_date',
      'and expires_at > now()',
      'select localtimestamp',
      'set at = CURRENT_TIMESTAMP',
      "where day = 'today'::date",
    ];
    expect(wallClockReads(['x.ts'], () => lines.join('\n')).offending).toHaveLength(lines.length);
    const fine = ['new Date(iso)', 'performance.now()', 'todayIso(clock())', 'new Date(`${date}T09:00:00Z`)'];
    expect(wallClockReads(['x.ts'], () => fine.join('\n')).offending).toEqual([]);
  });
});
