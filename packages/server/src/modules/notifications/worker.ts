/**
 * R-C4: the notification worker. Each round it
 *  1. runs the timed duties: messaging's (overdue letters become events; unsent uploads expire) and the
 *     families' fortnightly progress reports (parents-informed.ts, issue 18);
 *  2. reads the outbox (`domain_event`) after its cursor, school by school, makes each event's notice,
 *     decides its recipients through the access policy and writes one `notification_delivery` row
 *     per (event, channel, recipient): in-app always (sent when made), e-mail, SMS and Web Push as the
 *     person chose, due after their quiet hours (or at the digest hour); rows and cursor commit together;
 *  3. sends what is due: claims rows (a lease, so a dead worker's rows are claimed again), sends,
 *     and records SENT, or retries with backoff (after quiet hours again), FAILED after the last try.
 * Delivery is at least once; the unique key means a notice is never made twice, and one is resent
 * only when a send failed (or a worker died between the send and its record). A push delivery goes to
 * each of the person's devices, and its retry only to the devices without a receipt (`push_receipt`).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids.js';
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/clock.js';
import type { Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Schedule } from '../../kernel/schedule.js';
import { DomainEvent, noticeSource } from '../../realtime/domain-event.entity.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { flagOverdueLetters, purgeUnsentUploads } from '../messaging/index.js';
import { User, School } from '../school/index.js';
import { MailChannel, PushChannel, SmsChannel } from './channels.js';
import { excerpt, noticeOf, type Notice } from './notices.js';
import {
  Channel,
  DEFAULT_PUSH_KINDS,
  DEFAULT_QUIET_HOURS,
  DeliveryStatus,
  EmailMode,
  NotificationCursor,
  NotificationDelivery,
  NotificationPreference,
} from './notifications.entity.js';
import { informParents, type InformedReport } from './parents-informed.js';
import { afterQuietHours, nextDigest } from './schedule.js';
import type { VapidKeys } from './vapid.js';
import { workerMetrics, type WorkerMetrics } from './metrics.js';

/** Outbox events read per school, and due deliveries sent, in one round (NOTIFICATION_BATCH_SIZE). */
const DEFAULT_BATCH_SIZE = 100;
/** A school's backlog that grew this many rounds in a row is reported (log warning, metric flag). */
export const LAG_GROWTH_ROUNDS = 3;
/** Tries per delivery, and the wait before the n-th retry: 1, 4, 16, 64 minutes. */
export const MAX_ATTEMPTS = 5;
const retryDelayMs = (attempts: number) => 60_000 * 4 ** (attempts - 1);
/** How long a claimed delivery is a worker's before another may take it. */
const LEASE_MS = 5 * 60_000;
/** Events older than this when first read make no notices (a worker long stopped does not flood people). */
const MAX_EVENT_AGE_MS = 48 * 3600_000;
/** How long a push service keeps a notice for a device that is offline. */
const PUSH_TTL_SECONDS = 24 * 3600;
/** A push shows on a lock screen: the notice's text is cut short there (the app shows the rest). */
const PUSH_BODY_MAX = 200;

/** What the service worker shows and opens (sw.js): no more than the notice itself says. */
export function pushPayload(notice: { title: string; body: string; url: string | null; eventId: string }): string {
  return JSON.stringify({ title: notice.title, body: excerpt(notice.body, PUSH_BODY_MAX), url: notice.url, eventId: notice.eventId });
}

export interface WorkerSettings {
  smtpUrl?: string;
  mailFrom: string;
  smsUrl?: string;
  /** The server's VAPID keys: Web Push is sent when they are given. */
  push?: VapidKeys;
  batchSize?: number;
  /** Where the worker's counters go (the registry /metrics serves). */
  metrics?: Registry;
}

export interface RoundReport {
  overdueFlagged: number;
  /** Issue 18: the families' fortnightly progress reports made this round (parents-informed.ts). */
  informed: InformedReport;
  /** Per school with unread events when the round began: how many there were. */
  backlog: Map<string, number>;
  deliveriesMade: number;
  sent: number;
  retrying: number;
  failed: number;
}

interface Preferences {
  emailMode: EmailMode;
  smsKinds: string[];
  pushKinds: string[];
  quiet: { from: string; to: string };
}

type DeliveryRow = Omit<NotificationDelivery, 'recipient' | 'sentAt' | 'readAt' | 'lastError'> & { recipient: string; sentAt: Date | null };

interface Claimed {
  id: string;
  event_id: string;
  school_id: string;
  channel: Channel;
  recipient_id: string;
  title: string;
  body: string;
  digest: boolean;
  url: string | null;
  attempts: number;
}

/** A failure no retry can mend (the person has no device left): the delivery fails at once. */
class Undeliverable extends Error {}

export class NotificationWorker {
  private readonly mail: MailChannel | null;
  private readonly sms: SmsChannel | null;
  private readonly push: PushChannel | null;
  private readonly batchSize: number;
  private readonly metrics: WorkerMetrics | null;
  /** Per school: its backlog at the last round, and for how many rounds in a row it has grown. */
  private readonly lag = new Map<string, { events: number; grewFor: number }>();

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    settings: WorkerSettings,
    private readonly clock: Clock,
  ) {
    this.mail = settings.smtpUrl ? new MailChannel(settings.smtpUrl, settings.mailFrom) : null;
    this.sms = settings.smsUrl ? new SmsChannel(settings.smsUrl) : null;
    this.push = settings.push ? new PushChannel(settings.push) : null;
    this.batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
    this.metrics = settings.metrics ? workerMetrics(settings.metrics) : null;
  }

  async round(): Promise<RoundReport> {
    const now = this.clock();
    const em = this.orm.em.fork();
    const overdueFlagged = await flagOverdueLetters(em, now);
    await purgeUnsentUploads(em, now);
    // Before the outbox is read: the reports' events are told in this same round.
    const informed = await informParents(em, now);
    let deliveriesMade = 0;
    const behind = await em.execute<{ school_id: string; events: number }[]>(
      `select e.school_id, count(*)::int as events from domain_event e
       left join notification_cursor c on c.school_id = e.school_id
       where e.id > coalesce(c.last_event_id, 0) group by e.school_id`,
    );
    const backlog = new Map(behind.map((b) => [b.school_id, b.events]));
    this.watchLag(backlog);
    for (const schoolId of backlog.keys()) deliveriesMade += await this.readOutbox(schoolId, now);
    return { overdueFlagged, informed, backlog, deliveriesMade, ...(await this.sendDue(now)) };
  }

  /**
   * A backlog that grows round after round means events are written faster than the worker reads
   * them (or every batch is lost): said once in the log when it starts, and flagged in /metrics.
   */
  private watchLag(backlog: Map<string, number>): void {
    for (const schoolId of new Set([...backlog.keys(), ...this.lag.keys()])) {
      const events = backlog.get(schoolId) ?? 0;
      const before = this.lag.get(schoolId) ?? { events: 0, grewFor: 0 };
      const grewFor = events > before.events ? before.grewFor + 1 : events < before.events ? 0 : before.grewFor;
      if (grewFor === LAG_GROWTH_ROUNDS)
        this.log.warn({ school: schoolId, events, rounds: grewFor }, 'the notification worker is falling behind: the outbox backlog keeps growing');
      this.metrics?.fallingBehind.set({ school: schoolId }, grewFor >= LAG_GROWTH_ROUNDS ? 1 : 0);
      if (events === 0) this.lag.delete(schoolId);
      else this.lag.set(schoolId, { events, grewFor });
    }
  }

  close(): void {
    this.mail?.close();
  }

  /** One batch of a school's events → delivery rows; the rows and the moved cursor commit together. */
  private async readOutbox(schoolId: string, now: Date): Promise<number> {
    const em = this.orm.em.fork();
    const school = await em.findOneOrFail(School, schoolId);
    const cursor = (await em.findOne(NotificationCursor, { schoolId }))?.lastEventId ?? '0';
    const events = await em.find(DomainEvent, { schoolId, id: { $gt: cursor } }, { orderBy: { id: 'asc' }, limit: this.batchSize });
    if (!events.length) return 0;
    const rows: DeliveryRow[] = [];
    for (const event of events) {
      // Measured on the wall clock the outbox stamps its rows with, not the (pinnable) clock of the rules.
      if (Date.now() - event.at.getTime() > MAX_EVENT_AGE_MS) continue;
      let notice: Notice | null;
      try {
        notice = await noticeOf(em, noticeSource(event), now);
      } catch (err) {
        // One event that cannot be told must not stop the others behind it.
        this.log.error({ err, eventId: event.id, type: event.type }, 'could not make the notice of an event; skipped');
        continue;
      }
      if (notice) rows.push(...(await this.deliveriesOf(em, event, notice, school.timezone, now)));
    }
    const last = events.at(-1)!.id;
    return em.transactional(async (tx) => {
      // The cursor row is locked: a second worker reading the same batch waits, then finds it moved.
      await tx.execute(`insert into notification_cursor (school_id, last_event_id) values (?, 0) on conflict do nothing`, [schoolId]);
      const [locked] = await tx.execute<{ last_event_id: string }[]>(`select last_event_id::text from notification_cursor where school_id = ? for update`, [
        schoolId,
      ]);
      // By value: ids are decimal strings, and a representation change must not make every batch look stale.
      if (BigInt(locked.last_event_id) !== BigInt(cursor)) return 0;
      if (rows.length) await tx.createQueryBuilder(NotificationDelivery).insert(rows).onConflict(['eventId', 'channel', 'recipient']).ignore().execute();
      await tx.nativeUpdate(NotificationCursor, { schoolId }, { lastEventId: last });
      return rows.length;
    });
  }

  private async preferencesOf(em: EntityManager, userIds: string[]): Promise<Map<string, Preferences>> {
    const rows = await em.find(NotificationPreference, { user: { $in: userIds } });
    const map = new Map(
      rows.map((p) => [p.user.id, { emailMode: p.emailMode, smsKinds: p.smsKinds, pushKinds: p.pushKinds, quiet: { from: p.quietFrom, to: p.quietTo } }]),
    );
    for (const id of userIds) {
      if (!map.has(id)) map.set(id, { emailMode: EmailMode.OFF, smsKinds: [], pushKinds: DEFAULT_PUSH_KINDS, quiet: DEFAULT_QUIET_HOURS });
    }
    return map;
  }

  private async deliveriesOf(em: EntityManager, event: DomainEvent, notice: Notice, timeZone: string, now: Date): Promise<DeliveryRow[]> {
    const ids = [...new Set(notice.recipients.map((v) => v.userId))];
    const [users, preferences, withDevices] = await Promise.all([
      em.find(User, { id: { $in: ids } }),
      this.preferencesOf(em, ids),
      this.push ? em.execute<{ user_id: string }[]>(`select distinct user_id from push_subscription where user_id = any(?::uuid[])`, [uuidArray(ids)]) : [],
    ]);
    const hasDevice = new Set(withDevices.map((d) => d.user_id));
    return users.flatMap((user) => {
      const pref = preferences.get(user.id)!;
      const row = (channel: Channel, dueAt: Date, digest = false): DeliveryRow => ({
        id: newId(),
        eventId: event.id,
        schoolId: event.schoolId,
        channel,
        recipient: user.id,
        kind: notice.kind,
        title: notice.title.slice(0, 255),
        body: notice.body,
        url: notice.url,
        digest,
        status: channel === Channel.IN_APP ? DeliveryStatus.SENT : DeliveryStatus.PENDING,
        attempts: 0,
        dueAt,
        createdAt: now,
        sentAt: channel === Channel.IN_APP ? now : null,
      });
      const rows = [row(Channel.IN_APP, now)];
      if (this.mail && user.email && pref.emailMode !== EmailMode.OFF) {
        const digest = pref.emailMode === EmailMode.DAILY_DIGEST;
        rows.push(row(Channel.EMAIL, digest ? nextDigest(now, pref.quiet, timeZone) : afterQuietHours(now, pref.quiet, timeZone), digest));
      }
      if (this.sms && user.phone && pref.smsKinds.includes(notice.kind)) rows.push(row(Channel.SMS, afterQuietHours(now, pref.quiet, timeZone)));
      if (this.push && hasDevice.has(user.id) && pref.pushKinds.includes(notice.kind)) rows.push(row(Channel.PUSH, afterQuietHours(now, pref.quiet, timeZone)));
      return rows;
    });
  }

  /** Claims the due e-mail, SMS and push deliveries, sends them, records the outcome. */
  private async sendDue(now: Date): Promise<{ sent: number; retrying: number; failed: number }> {
    const em = this.orm.em.fork();
    const claimed = await em.execute<Claimed[]>(
      `update notification_delivery d set status = 'SENDING', attempts = d.attempts + 1, due_at = ?
       from (select id from notification_delivery where status in ('PENDING', 'SENDING') and due_at <= ?
             order by due_at limit ? for update skip locked) c
       where d.id = c.id
       returning d.id, d.event_id::text, d.school_id, d.channel, d.recipient_id, d.title, d.body, d.digest, d.url, d.attempts`,
      [new Date(now.getTime() + LEASE_MS), now, this.batchSize],
    );
    if (!claimed.length) return { sent: 0, retrying: 0, failed: 0 };
    const recipientIds = [...new Set(claimed.map((c) => c.recipient_id))];
    const [users, preferences, schools] = await Promise.all([
      em.find(User, { id: { $in: recipientIds } }),
      this.preferencesOf(em, recipientIds),
      em.find(School, { id: { $in: [...new Set(claimed.map((c) => c.school_id))] } }),
    ]);
    const userOf = new Map(users.map((u) => [u.id, u]));

    // A person's digest rows go out as one e-mail; every other row on its own.
    const sends = new Map<string, Claimed[]>();
    for (const c of claimed) {
      const key = c.channel === Channel.EMAIL && c.digest ? `digest/${c.recipient_id}` : c.id;
      sends.set(key, [...(sends.get(key) ?? []), c]);
    }
    const sent: string[] = [];
    const failures: { row: Claimed; error: string; permanent: boolean }[] = [];
    for (const rows of sends.values()) {
      try {
        await this.send(em, rows, userOf.get(rows[0].recipient_id), now);
        sent.push(...rows.map((r) => r.id));
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        this.log.warn({ err, deliveries: rows.map((r) => r.id) }, 'a notice could not be sent');
        failures.push(...rows.map((row) => ({ row, error, permanent: err instanceof Undeliverable })));
      }
    }
    if (sent.length) await em.nativeUpdate(NotificationDelivery, { id: { $in: sent } }, { status: DeliveryStatus.SENT, sentAt: now, lastError: null });
    let failed = 0;
    for (const { row, error, permanent } of failures) {
      const final = permanent || row.attempts >= MAX_ATTEMPTS;
      if (final) failed++;
      this.metrics?.sendFailures.inc({ channel: row.channel, final: String(final) });
      // The delivery's school is kept by id, not by a foreign key. No school is ever removed; were one, its retries
      // would still go, past quiet hours in the platform's zone, rather than stop the round.
      const timeZone = schools.find((s) => s.id === row.school_id)?.timezone ?? 'Europe/Moscow';
      const retryAt = afterQuietHours(new Date(now.getTime() + retryDelayMs(row.attempts)), preferences.get(row.recipient_id)!.quiet, timeZone);
      await em.nativeUpdate(
        NotificationDelivery,
        { id: row.id },
        final ? { status: DeliveryStatus.FAILED, lastError: error } : { status: DeliveryStatus.PENDING, dueAt: retryAt, lastError: error },
      );
    }
    return { sent: sent.length, retrying: failures.length - failed, failed };
  }

  private async send(em: EntityManager, rows: Claimed[], user: User | undefined, now: Date): Promise<void> {
    const first = rows[0];
    if (first.channel === Channel.PUSH) return this.sendPush(em, first, now);
    if (first.channel === Channel.SMS) {
      if (!this.sms || !user?.phone) throw new Error('no phone number on file, or SMS is not configured');
      await this.sms.send({ to: user.phone, text: first.title, id: `${first.event_id}/SMS/${first.recipient_id}` });
      return;
    }
    if (!this.mail || !user?.email) throw new Error('no e-mail address on file, or e-mail is not configured');
    const footer = '\n\n—\nДневник. Уведомления настраиваются в приложении: «Настройки» → «Уведомления».';
    if (first.digest) {
      await this.mail.send({
        to: user.email,
        subject: `Дневник: сводка за день (${rows.length})`,
        text: rows.map((r) => `• ${r.title}\n  ${r.body}`).join('\n\n') + footer,
        messageId: `<digest-${first.id}@dnevnik>`,
      });
      return;
    }
    await this.mail.send({ to: user.email, subject: first.title, text: first.body + footer, messageId: `<${first.id}@dnevnik>` });
  }

  /**
   * One push delivery to each of the person's devices that has no receipt for it yet. A device the
   * push service no longer knows (404, 410) is forgotten; any other failure fails the delivery, and
   * its retry sends to the devices still without a receipt.
   */
  private async sendPush(em: EntityManager, row: Claimed, now: Date): Promise<void> {
    if (!this.push) throw new Error('Web Push is not configured');
    const push = this.push;
    const devices = await em.execute<{ id: string; endpoint: string; p256dh: string; auth: string; done: boolean }[]>(
      `select s.id, s.endpoint, s.p256dh, s.auth,
              exists (select 1 from push_receipt r where r.delivery_id = ? and r.subscription_id = s.id) as done
       from push_subscription s where s.user_id = ?`,
      [row.id, row.recipient_id],
    );
    const payload = pushPayload({ title: row.title, body: row.body, url: row.url, eventId: row.event_id });
    const outcomes = await Promise.all(
      devices
        .filter((d) => !d.done)
        .map(async (device) => {
          try {
            // The delivery's id (32 hex digits) as the topic: a resend replaces a copy still queued at the push service.
            if ((await push.send(device, payload, { ttlSeconds: PUSH_TTL_SECONDS, topic: row.id.replaceAll('-', '') })) === 'gone') {
              await em.execute(`delete from push_subscription where id = ?`, [device.id]);
              this.log.info({ subscription: device.id, user: row.recipient_id }, 'the push service no longer knows a device: subscription removed');
              return 'gone';
            }
            await em.execute(`insert into push_receipt (delivery_id, subscription_id, sent_at) values (?, ?, ?) on conflict do nothing`, [
              row.id,
              device.id,
              now,
            ]);
            await em.execute(`update push_subscription set last_success_at = ? where id = ?`, [now, device.id]);
            return 'sent';
          } catch (err) {
            return err instanceof Error ? err : new Error(String(err));
          }
        }),
    );
    const errors = outcomes.filter((o) => o instanceof Error);
    if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
    if (!devices.some((d) => d.done) && !outcomes.includes('sent')) throw new Undeliverable('no device is registered for push any more');
  }
}

/**
 * The worker as `pnpm start` runs it (main.ts, and the app process of tests): a round every
 * NOTIFICATION_INTERVAL_SECONDS (0: never) on a timer that does not keep the process alive.
 */
export function scheduleNotifications(
  orm: MikroORM,
  log: Logger,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'smsUrl' | 'notificationIntervalSeconds' | 'notificationBatchSize'>,
  app: { vapid: VapidKeys; metrics: Registry },
  clock: Clock,
): Schedule {
  if (config.notificationIntervalSeconds <= 0) return { stop: async () => {} };
  if (!config.smtpUrl) log.info('SMTP_URL is not set: notices are in-app only, no e-mail is sent');
  const worker = new NotificationWorker(
    orm,
    log,
    {
      smtpUrl: config.smtpUrl,
      mailFrom: config.mailFrom,
      smsUrl: config.smsUrl,
      push: app.vapid,
      batchSize: config.notificationBatchSize,
      metrics: app.metrics,
    },
    clock,
  );
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return; // the previous round is still going
    running = worker
      .round()
      .then((r) =>
        r.sent || r.failed || r.overdueFlagged || r.informed.electronic || r.informed.paper
          ? log.info({ ...r, backlog: Object.fromEntries(r.backlog) }, 'notifications sent')
          : undefined,
      )
      .catch((err) => log.error({ err }, 'notification round failed'))
      .finally(() => {
        running = null;
      });
  }, config.notificationIntervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      worker.close();
    },
  };
}
