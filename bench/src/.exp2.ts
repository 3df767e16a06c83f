import 'reflect-metadata';
import pino from 'pino';
import { openBenchDatabase, createSessions, benchSchool, JOURNAL_SUBJECT } from './database.ts';
import { journalPage, families } from './fixtures.ts';
import { startApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openOrm } from '../../packages/server/src/db/orm.ts';
import { NOW, DIARY_WEEK } from './database.ts';
import { graphql, bearer } from './bench.ts';
import { JOURNAL } from './scenarios/p3-journal.ts';
import { OUR_DIARY } from './scenarios/p2-diary.ts';
const db = await openBenchDatabase(pino({ level: 'warn' }));
let log: string[] | null = null;
const orm = await openOrm(db.url, { onQuery: (m) => log?.push(m.replace(/\s+/g, ' ').slice(0, 160) + ' … ' + (m.match(/\[took [^\]]*\]/)?.[0] ?? '')) });
const app = await startApp({ config: loadConfig({ env: 'production', port: 0, host: '127.0.0.1', seedDemo: false, logLevel: 'warn' }), orm, log: pino({ level: 'warn' }), clock: () => NOW });
try {
  const { journalClass, tenfoldGroup } = benchSchool();
  const which = process.argv[2] ?? 'journal';
  let run: () => Promise<unknown>;
  if (which === 'diary') {
    const [f] = await families(db.url, 1);
    const [tok] = await createSessions(db.url, [f!.parentId]);
    run = () => graphql(app.url, OUR_DIARY, { s: f!.studentId, w: DIARY_WEEK }, bearer(tok!));
  } else {
    const page = await journalPage(db.url, which === 'x10' ? tenfoldGroup : journalClass, JOURNAL_SUBJECT);
    const [tok] = await createSessions(db.url, [page.teacherId]);
    run = () => graphql(app.url, JOURNAL, { g: page.groupId, p: page.periodId }, bearer(tok!));
  }
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < 20; i++) { const t = performance.now(); await run(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log('p50', times[10], 'min', times[0]);
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const ses = new Session(); ses.connect(); await ses.post('Profiler.enable'); await ses.post('Profiler.start');
  for (let i = 0; i < 10; i++) await run();
  const { profile } = await ses.post('Profiler.stop'); writeFileSync('/tmp/exp.cpuprofile', JSON.stringify(profile));
  log = [];
  const t = performance.now(); await run(); console.log('one', performance.now() - t);
  console.log(log.join('\n'));
} finally { await app.stop(); await orm.close(); await db.stop(); process.exit(0); }
