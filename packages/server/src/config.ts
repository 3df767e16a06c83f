import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: the embedded database and the built web app live relative to it. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** When unset, an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  webDist: string;
  sessionTtlHours: number;
  seedDemo: boolean;
  logLevel: string;
  /** Largest accepted HTTP request body. */
  bodyLimit: string;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const env = (process.env.NODE_ENV ?? 'production') as Config['env'];
  if (!['development', 'production', 'test'].includes(env)) {
    throw new Error(`NODE_ENV must be development, production or test, got "${env}"`);
  }
  return {
    env,
    port: int('PORT', 4000),
    host: process.env.HOST || '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: resolve(process.env.DATA_DIR || resolve(repoRoot, '.data')),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    webDist: resolve(repoRoot, 'packages/web/dist'),
    sessionTtlHours: int('SESSION_TTL_HOURS', 24 * 30),
    seedDemo: bool('SEED_DEMO', true),
    logLevel: process.env.LOG_LEVEL || (env === 'test' ? 'warn' : 'info'),
    bodyLimit: process.env.BODY_LIMIT || '100kb',
    ...overrides,
  };
}
