/**
 * Child process: the real app (startApp) on the bench database, production settings (trusted documents
 * off, see below), the clock pinned to the data set's "today". The parent talks to it over IPC: `ready` with the URL, and
 * statement counting switched on only around the requests being counted (the ORM's query log costs
 * time of its own, so latency is measured with it off), and V8's CPU profiler (what `--cpu-prof`
 * records) around one scenario, start-up left out.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pino from 'pino';
import { startApp } from '../../../packages/server/src/app.js';
import { loadConfig } from '../../../packages/server/src/config.js';
import { openOrm } from '../../../packages/server/src/db/orm.js';
import { NOW } from '../database.js';
import { onParentMessage, reply, serveUntilParentLeaves } from './ipc.js';

let statements = 0;
const orm = await openOrm(process.env.BENCH_DB_URL!, { onQuery: (m) => (m.includes('[query]') ? statements++ : 0) });
// Through the config, not the logger: every `em.fork()` sets config values, which puts the logger back to the
// config's debug mode (MikroORM 7's Configuration.sync), so a logger switched off alone was on again at once.
const queryLog = (on: boolean) => orm.config.set('debug', on ? ['query'] : false);
queryLog(false);

const config = loadConfig({
  env: 'production',
  port: 0,
  host: '127.0.0.1',
  seedDemo: false,
  logLevel: 'warn',
  // Sockets are held open for the whole scenario; the periodic session re-check is not what P4 measures.
  wsSessionCheckSeconds: 3600,
  // Production answers only the web app's persisted documents (TRUSTED_DOCUMENTS); the bench sends its own
  // query texts, as the peer receives them. Resolving a hash from the manifest is a map lookup either way.
  trustedDocuments: false,
});
const app = await startApp({ config, orm, log: pino({ level: config.logLevel }), clock: () => NOW });

const inspector = new Session();
inspector.connect();

onParentMessage(async (msg) => {
  if (msg.type === 'profile') {
    if (msg.file) {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(msg.file as string, JSON.stringify(profile));
    } else {
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    reply({ type: 'profile' });
  } else if (msg.type === 'count') {
    queryLog(!!msg.on);
    statements = 0;
  } else if (msg.type === 'statements') {
    reply({ type: 'statements', count: statements });
  }
});
serveUntilParentLeaves({ url: app.url }, async () => {
  await app.stop();
  await orm.close();
});
