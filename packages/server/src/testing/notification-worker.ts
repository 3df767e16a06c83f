import pino from 'pino';
import { NotificationWorker } from '../modules/notifications/worker.js';
import type { TestServer } from './test-server.js';

/**
 * The notification worker of a test server, in-app notices only (no mail, SMS or push), on the
 * server's clock: a test runs `round()` where the running app's timer would (browser tests).
 */
export function inAppNotificationWorker(server: TestServer): NotificationWorker {
  return new NotificationWorker(server.orm, pino({ level: 'silent' }), { mailFrom: 'Дневник <noreply@school.test>' }, server.clock);
}
