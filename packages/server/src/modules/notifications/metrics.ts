/**
 * What /metrics tells about notices (issue 15: the worker once stopped for good and nothing showed it).
 * The backlog is read from the database at each scrape, so any instance shows it, and it keeps
 * growing while no worker runs; the worker's own counters and its "falling behind" flag are set
 * by the worker in the process that runs it.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Backlog per school: outbox events after the worker's cursor, and how old the oldest of them is. */
export function registerNotificationBacklog(registry: Registry, orm: MikroORM): void {
  new Gauge({
    name: 'dnevnik_notification_lag_events',
    help: 'Outbox events of a school that the notification worker has not read yet',
    labelNames: ['school'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await backlog(orm)) this.set({ school: s.school_id }, s.events);
    },
  });
  new Gauge({
    name: 'dnevnik_notification_lag_seconds',
    help: 'Age of the oldest outbox event of a school that the notification worker has not read yet (0: none)',
    labelNames: ['school'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await backlog(orm)) this.set({ school: s.school_id }, s.oldest_seconds);
    },
  });
  new Gauge({
    name: 'dnevnik_notification_deliveries',
    help: 'E-mail, SMS and push deliveries waiting (PENDING, SENDING) or given up (FAILED), by channel',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await orm.em.fork().execute<{ channel: string; status: string; count: number }[]>(
        `select channel, status, count(*)::int as count from notification_delivery
         where status in ('PENDING', 'SENDING', 'FAILED') group by channel, status`,
      );
      for (const d of rows) this.set({ channel: d.channel, status: d.status }, d.count);
    },
  });
}

function backlog(orm: MikroORM) {
  return orm.em.fork().execute<{ school_id: string; events: number; oldest_seconds: number }[]>(
    `select s.id as school_id, count(e.id)::int as events,
            coalesce(extract(epoch from now() - min(e.at)), 0)::float8 as oldest_seconds
     from school s
     left join notification_cursor c on c.school_id = s.id
     left join domain_event e on e.school_id = s.id and e.id > coalesce(c.last_event_id, 0)
     group by s.id`,
  );
}

/** The worker's counters, on the registry /metrics serves; one set per registry, however many workers. */
export interface WorkerMetrics {
  sendFailures: Counter<'channel' | 'final'>;
  fallingBehind: Gauge<'school'>;
}

export function workerMetrics(registry: Registry): WorkerMetrics {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    sendFailures:
      existing<Counter<'channel' | 'final'>>('dnevnik_notification_send_failures_total') ??
      new Counter({
        name: 'dnevnik_notification_send_failures_total',
        help: 'Sends of e-mail, SMS or push that failed, by channel; final="true" when the delivery was given up (FAILED)',
        labelNames: ['channel', 'final'],
        registers: [registry],
      }),
    fallingBehind:
      existing<Gauge<'school'>>('dnevnik_notification_falling_behind') ??
      new Gauge({
        name: 'dnevnik_notification_falling_behind',
        help: "1 while a school's outbox backlog has grown round after round (the worker reads less than is written)",
        labelNames: ['school'],
        registers: [registry],
      }),
  };
}
