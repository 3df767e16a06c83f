import { defineModule } from '../../kernel/module.js';
import { NotificationCursor, NotificationDelivery, NotificationPreference } from './notifications.entity.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { ProgressReportSent } from './parents-informed.entity.js';
import { ProgressResolver } from './progress.resolver.js';
import { PushReceipt, PushSubscription } from './push.entity.js';
import { PushResolver } from './push.resolver.js';
import { notificationsRules } from './notifications.policy.js';

/** PushResolver's settings (the VAPID key) are the app's: graphql/schema.ts makes it. */
export const notificationsModule = defineModule({
  name: 'notifications',
  resolvers: [NotificationsResolver, ProgressResolver, PushResolver],
  rules: notificationsRules,
  entities: [ProgressReportSent, NotificationPreference, NotificationCursor, NotificationDelivery, PushSubscription, PushReceipt],
});
