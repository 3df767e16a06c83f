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
  /** Sign-in through an OpenID Connect provider (ЕСИА/Госуслуги-like); off unless an issuer is set. */
  oidc: { issuer: string; clientId: string; clientSecret: string; publicUrl: string; linkByVerifiedEmail: boolean } | null;
  /** Whether `__schema`/`__type` are answered: on in development and test, off in production. */
  introspection: boolean;
  /** Only the web app's documents (by hash) run; any other needs an API-scope session. On in production. */
  trustedDocuments: boolean;
  /** The web app's persisted-documents manifest written by codegen: SHA-256 → document. */
  trustedDocumentsManifest: string;
  /**
   * `/metrics` answers a request from this machine that came through no proxy, or one with
   * `Authorization: Bearer <this token>` (a scraper elsewhere); unset, only the former.
   */
  metricsToken: string | undefined;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client's address. */
  trustProxy: boolean | number | string;
  /** Failed sign-ins allowed per login, and per client address, within `loginFailureWindowMinutes`. */
  loginFailuresPerLogin: number;
  loginFailuresPerIp: number;
  loginFailureWindowMinutes: number;
  /** How often an open WebSocket re-checks that its session was not revoked. */
  wsSessionCheckSeconds: number;
  /** Realtime fan-out through Redis pub/sub (one relay LISTENs for every instance) instead of one LISTEN per instance. */
  redisUrl: string | undefined;
  /** Days the outbox (`domain_event`) keeps events for clients resuming by cursor; 0 keeps them forever. */
  outboxRetentionDays: number;
  /** Events waiting for one WebSocket connection; beyond it the socket is closed with 4413 and the client resumes by cursor. */
  wsQueueLimit: number;
  /** MB of the big screens' rows one process keeps (graphql/screen-cache.ts), least recently used dropped first; 0 keeps none. */
  screenCacheMb: number;
  /** Seconds a kept screen lives at most, for the changes no outbox row announces (a renamed subject or person). */
  screenCacheSeconds: number;
  /** Subscriptions one WebSocket connection may hold at once; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
  wsSubscriptionLimit: number;
  /** R-A7: days after a student leaves before their account (and their parents') is deactivated. */
  studentDeactivationDays: number;
  /** R-A7: days after the last day of a staff contract before its grants end. */
  staffDeactivationDays: number;
  /** How often the account lifecycle job runs (it also runs at start); 0 turns it off. */
  accountLifecycleIntervalMinutes: number;
  /** R-R5: Ed25519 private key (PEM, or base64 PKCS#8 DER) that signs journal archives; unset, one is generated under dataDir. */
  archiveSigningKey: string | undefined;
  /** R-R6: where `pnpm backup` writes. */
  backupDir: string;
  /** R-C1: the largest file a message may carry (bytes). */
  attachmentMaxBytes: number;
  /** R-C4: e-mail notices go to this SMTP server (smtp://user:pass@host:port); unset, no e-mail is sent. */
  smtpUrl: string | undefined;
  /** The sender of e-mail notices. */
  mailFrom: string;
  /** R-C4: SMS notices are POSTed as JSON to this provider URL; unset, no SMS is sent. */
  smsUrl: string | undefined;
  /** How often the notification worker reads the outbox and sends what is due; 0 turns it off. */
  notificationIntervalSeconds: number;
  /** Outbox events read per school, and due deliveries sent, per notification round. */
  notificationBatchSize: number;
  /**
   * Web Push VAPID keys (base64url) from the environment, both or neither: without them a pair is
   * generated on first start and kept in the database for every instance. `subject` is the contact
   * (mailto: or https:) the push services see.
   */
  vapid: { publicKey: string | undefined; privateKey: string | undefined; subject: string };
  /** Push services a browser may register an endpoint at: origins, `https://*.host` for its subdomains. */
  pushServices: string[];
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** `true`/`false`, a hop count, or Express's list of trusted addresses and subnets ("loopback, 10.0.0.0/8"). */
function trustProxy(name: string): boolean | number | string {
  const raw = process.env[name]?.trim();
  if (!raw || ['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes'].includes(raw.toLowerCase())) return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function positive(name: string, fallback: number): number {
  const value = int(name, fallback);
  if (value === 0) throw new Error(`${name} must be positive`);
  return value;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** The push services of Chrome (and other Chromium browsers), Firefox, Edge and Safari. */
const DEFAULT_PUSH_SERVICES = 'https://fcm.googleapis.com,https://updates.push.services.mozilla.com,https://*.notify.windows.com,https://web.push.apple.com';

const DEFAULT_MAIL_FROM = 'Дневник <noreply@dnevnik.local>';

function vapid(mailFrom: string): Config['vapid'] {
  const publicKey = process.env.VAPID_PUBLIC_KEY || undefined;
  const privateKey = process.env.VAPID_PRIVATE_KEY || undefined;
  if (!publicKey !== !privateKey) throw new Error('Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (a pair is then generated)');
  // Without a subject, the sender address of e-mail notices is the contact.
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { publicKey, privateKey, subject: process.env.VAPID_SUBJECT || `mailto:${address}` };
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
    oidc: process.env.OIDC_ISSUER
      ? {
          issuer: process.env.OIDC_ISSUER,
          clientId: process.env.OIDC_CLIENT_ID || 'dnevnik',
          clientSecret: process.env.OIDC_CLIENT_SECRET || '',
          publicUrl: process.env.PUBLIC_URL || `http://localhost:${int('PORT', 4000)}`,
          linkByVerifiedEmail: bool('OIDC_LINK_BY_EMAIL', false),
        }
      : null,
    introspection: bool('INTROSPECTION', env !== 'production'),
    // Production runs only the web app's documents unless turned off explicitly; the demo school changes
    // nothing (its web app sends trusted hashes; curl signs in with the manifest's ApiSignIn).
    trustedDocuments: bool('TRUSTED_DOCUMENTS', env === 'production'),
    trustedDocumentsManifest: resolve(process.env.TRUSTED_DOCUMENTS_MANIFEST || resolve(repoRoot, 'packages/web/src/gql/persisted-documents.json')),
    metricsToken: process.env.METRICS_TOKEN || undefined,
    trustProxy: trustProxy('TRUST_PROXY'),
    loginFailuresPerLogin: positive('LOGIN_FAILURES_PER_LOGIN', 10),
    loginFailuresPerIp: positive('LOGIN_FAILURES_PER_IP', 50),
    loginFailureWindowMinutes: positive('LOGIN_FAILURE_WINDOW_MINUTES', 15),
    wsSessionCheckSeconds: positive('WS_SESSION_CHECK_SECONDS', 60),
    redisUrl: process.env.REDIS_URL || undefined,
    outboxRetentionDays: int('OUTBOX_RETENTION_DAYS', 30),
    wsQueueLimit: positive('WS_QUEUE_LIMIT', 1000),
    wsSubscriptionLimit: positive('WS_SUBSCRIPTION_LIMIT', 20),
    screenCacheMb: int('SCREEN_CACHE_MB', 64),
    screenCacheSeconds: int('SCREEN_CACHE_SECONDS', 300),
    studentDeactivationDays: int('STUDENT_DEACTIVATION_DAYS', 3),
    staffDeactivationDays: int('STAFF_DEACTIVATION_DAYS', 2),
    accountLifecycleIntervalMinutes: int('ACCOUNT_LIFECYCLE_INTERVAL_MINUTES', 60),
    archiveSigningKey: process.env.ARCHIVE_SIGNING_KEY || undefined,
    backupDir: resolve(process.env.BACKUP_DIR || resolve(process.env.DATA_DIR || resolve(repoRoot, '.data'), 'backups')),
    attachmentMaxBytes: positive('ATTACHMENT_MAX_BYTES', 5 * 1024 * 1024),
    smtpUrl: process.env.SMTP_URL || undefined,
    mailFrom: process.env.MAIL_FROM || DEFAULT_MAIL_FROM,
    smsUrl: process.env.SMS_URL || undefined,
    notificationIntervalSeconds: int('NOTIFICATION_INTERVAL_SECONDS', 10),
    notificationBatchSize: positive('NOTIFICATION_BATCH_SIZE', 100),
    vapid: vapid(process.env.MAIL_FROM || DEFAULT_MAIL_FROM),
    pushServices: (process.env.PUSH_SERVICES || DEFAULT_PUSH_SERVICES)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...overrides,
  };
}
