/**
 * Command-line tools for the archive (R-R5) and backups (R-R6), run through the root package.json:
 *
 *   pnpm archive:export -- --class <id> --out file.zip   a class's year journal, signed by the director
 *   pnpm archive:certificate -- --class <id> --out school.pem
 *                                                         the school's certificate, for whoever verifies its archives
 *   pnpm archive:verify file.zip                          exit 0 when intact and signed by someone trusted, 1 otherwise
 *   pnpm archive:import file.zip                          into this installation's database
 *     --trust-cert <school.pem> (repeatable)              also trust archives signed under this school's certificate
 *     --trust-key <public.pem> (repeatable)               also trust this installation key (another installation's archive)
 *   pnpm backup [-- --out file|dir] [--copy-to dir] [--keep N] [--schedule "0 3 * * 1,4"]
 *   pnpm restore <file>
 *
 * The database is DATABASE_URL, else the embedded PostgreSQL under DATA_DIR (the running one of
 * `pnpm start`, or started here for the duration). Relative paths are taken from where pnpm was run.
 */
import 'reflect-metadata';
import { Cron } from 'croner';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../kernel/clock.js';
import { loadConfig, type Config } from '../config.js';
import { ensureDatabase } from '../db/database.js';
import { runningEmbeddedUrl, startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { migrate, openOrm } from '../db/orm.js';
import { exportClassArchive, importArchive, schoolCertificateOfClass, verifyArchive, type ArchiveTrust } from './archive.js';
import { backup, restore } from './backup.js';
import { signingKey, trustedPublicKeys, trustedSchoolCertificates } from '../modules/reports/index.js';

const config = loadConfig();
const log = pino({ level: config.logLevel === 'warn' ? 'info' : config.logLevel });
const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/**
 * Runs `fn` against the project's database, its schema brought up to date first as `pnpm start`
 * would (a fresh database included); starts the embedded PostgreSQL if none runs. A restore replaces
 * the schema itself: `migrated: false`.
 */
async function withDatabase<T>(cfg: Config, fn: (url: string) => Promise<T>, opts: { migrated?: boolean } = {}): Promise<T> {
  const dir = join(cfg.dataDir, 'postgres');
  const running = cfg.databaseUrl ?? runningEmbeddedUrl(dir, 'dnevnik');
  const embedded = running ? null : await startEmbeddedPostgres({ dir, port: cfg.embeddedPgPort, log });
  try {
    if (embedded) await ensureDatabase(embedded.adminUrl, 'dnevnik');
    const url = running ?? embedded!.urlFor('dnevnik');
    if (opts.migrated !== false) {
      const orm = await openOrm(url);
      await migrate(orm).finally(() => orm.close());
    }
    return await fn(url);
  } finally {
    await embedded?.stop();
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** One backup: written, copied to the second medium, old ones pruned. */
async function backupOnce(url: string, opts: { out?: string; copyTo?: string; keep?: number }) {
  const target = opts.out ? here(opts.out) : config.backupDir;
  const isDir = !opts.out || !/\.(zip|dump)$/.test(target);
  if (isDir) mkdirSync(target, { recursive: true });
  const file = isDir ? join(target, `dnevnik-${stamp(systemClock())}.zip`) : target;
  const done = await backup(url, file, log);
  log.info({ file: done.file, method: done.method, bytes: statSync(done.file).size }, 'backup written');
  for (const dir of [isDir ? target : null, opts.copyTo ? here(opts.copyTo) : null]) {
    if (!dir) continue;
    if (dir !== target) {
      mkdirSync(dir, { recursive: true });
      copyFileSync(done.file, join(dir, basename(done.file)));
      log.info({ copy: join(dir, basename(done.file)) }, 'backup copied');
    }
    if (opts.keep) {
      const old = readdirSync(dir)
        .filter((f) => /^dnevnik-\d{8}-\d{6}\.(zip|dump)$/.test(f))
        .sort()
        .slice(0, -opts.keep);
      for (const f of old) rmSync(join(dir, f));
      if (old.length) log.info({ dir, removed: old }, 'old backups removed');
    }
  }
}

async function main(argv: string[]): Promise<number> {
  // pnpm passes a "--" through to the script; it is not an end of options here.
  const [command, ...rest] = argv.filter((a) => a !== '--');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      class: { type: 'string' },
      out: { type: 'string' },
      'copy-to': { type: 'string' },
      keep: { type: 'string' },
      schedule: { type: 'string' },
      'trust-key': { type: 'string', multiple: true },
      'trust-cert': { type: 'string', multiple: true },
    },
  });
  const trust = (): ArchiveTrust => ({
    keys: trustedPublicKeys(config, (values['trust-key'] ?? []).map(here)),
    certificates: trustedSchoolCertificates(config.dataDir, (values['trust-cert'] ?? []).map(here)),
  });
  switch (command) {
    case 'archive:export': {
      if (!values.class || !values.out) throw new Error('usage: pnpm archive:export -- --class <class id> --out <file.zip>');
      const signing = { key: signingKey(config), dataDir: config.dataDir };
      const manifest = await withDatabase(config, (url) => exportClassArchive(url, values.class!, here(values.out!), signing, systemClock()));
      console.log(
        `${here(values.out)}: ${manifest.class.name}, ${manifest.year.name}, ${manifest.school.name}; signed by ${manifest.signer.name}, ${manifest.signer.title}`,
      );
      for (const f of manifest.files) console.log(`  ${f.path}  ${f.rows} rows  sha256 ${f.sha256}`);
      return 0;
    }
    case 'archive:certificate': {
      if (!values.class || !values.out) throw new Error('usage: pnpm archive:certificate -- --class <class id> --out <school.pem>');
      const pem = await withDatabase(config, (url) => schoolCertificateOfClass(url, values.class!, config.dataDir, systemClock()));
      writeFileSync(here(values.out), pem);
      console.log(
        `${here(values.out)}: verify an archive with  openssl cms -verify -binary -inform DER -in manifest.p7s -content manifest.json -CAfile ${values.out} -attime <its signing time, seconds since 1970>`,
      );
      return 0;
    }
    case 'archive:verify': {
      const file = positionals[0];
      if (!file) throw new Error('usage: pnpm archive:verify <file.zip> [--trust-cert <school.pem>]… [--trust-key <public key .pem>]…');
      const result = await verifyArchive(here(file), trust());
      if (result.ok) {
        const m = result.manifest!;
        console.log(
          `OK: ${m.class.name}, ${m.year.name}, ${m.school.name}; ${m.files.length} files intact; signed by ${result.signedByCertificate} and key ${result.signedBy}`,
        );
        return 0;
      }
      console.error(`FAILED: ${file}`);
      for (const p of result.problems) console.error(`  ${p}`);
      return 1;
    }
    case 'archive:import': {
      const file = positionals[0];
      if (!file) throw new Error('usage: pnpm archive:import <file.zip> [--trust-cert <school.pem>]… [--trust-key <public key .pem>]…');
      const { manifest, rows } = await withDatabase(config, (url) => importArchive(url, here(file), trust(), systemClock()));
      console.log(`imported ${manifest.class.name}, ${manifest.year.name} (${manifest.school.name}): ${rows} rows`);
      return 0;
    }
    case 'backup': {
      const opts = { out: values.out, copyTo: values['copy-to'], keep: values.keep ? Number(values.keep) : undefined };
      if (opts.keep !== undefined && !(Number.isInteger(opts.keep) && opts.keep > 0)) throw new Error('--keep is a positive number of backups');
      if (!values.schedule) {
        await withDatabase(config, (url) => backupOnce(url, opts));
        return 0;
      }
      // R-R6: at least twice a week; runs until stopped (Ctrl-C or the service manager).
      const job = new Cron(values.schedule, { protect: true }, () =>
        withDatabase(config, (url) => backupOnce(url, opts)).catch((err: unknown) => log.error({ err }, 'scheduled backup failed')),
      );
      log.info({ schedule: values.schedule, next: job.nextRun()?.toISOString() }, 'backups scheduled');
      await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
      job.stop();
      return 0;
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) throw new Error('usage: pnpm restore <file>');
      const { method } = await withDatabase(config, (url) => restore(url, here(file), log), { migrated: false });
      console.log(`restored ${file} (${method})`);
      return 0;
    }
    default:
      throw new Error(`unknown command ${command ?? ''}: archive:export, archive:certificate, archive:verify, archive:import, backup, restore`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
