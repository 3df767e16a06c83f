/** Write rules of notifications (R-C4) and Web Push: always the viewer's own settings, notices and devices. */
import { ownThings, type WriteCheck } from '../../policy/write-rule.js';

export const notificationsWriteRules = {
  setNotificationSettings: ownThings,
  markNoticesRead: ownThings,
  registerPushSubscription: ownThings,
  unregisterPushSubscription: ownThings, // removes only a device of the viewer's (false when there is none)
} satisfies Record<string, WriteCheck>;
