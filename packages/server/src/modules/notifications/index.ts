/**
 * The notifications module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { registerNotificationBacklog } from './metrics.js';
export { notificationsModule } from './notifications.module.js';
export { ProgressReportSent, ReportForm } from './parents-informed.entity.js';
export { type ProgressLines, progressLines } from './parents-informed.js';
export { PushSubscription } from './push.entity.js';
export { PushResolver } from './push.resolver.js';
export { type PushSettings } from './push.service.js';
export { type VapidKeys, vapidKeys } from './vapid.js';
export { scheduleNotifications } from './worker.js';
