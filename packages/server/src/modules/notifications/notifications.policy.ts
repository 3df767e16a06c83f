/** Read and write rules of notifications (R-C4) and Web Push: always the viewer's own settings, notices and devices. */
import { ownThings, type WriteCheck } from '../../policy/write-rule.js';
import { canSeeStudentRecord, canSeeWholeRecord, signedIn } from '../../policy/policy.js';
import type { ModuleRules } from '../../policy/module-rules.js';

export const notificationsWriteRules = {
  setNotificationSettings: ownThings,
  markNoticesRead: ownThings,
  registerPushSubscription: ownThings,
  unregisterPushSubscription: ownThings, // removes only a device of the viewer's (false when there is none)
} satisfies Record<string, WriteCheck>;

/** The notifications module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const notificationsRules = {
  query: {
    // Notifications (R-C4): the viewer's own settings and notices.
    notificationSettings: signedIn,
    notices: signedIn,
    unreadNoticeCount: signedIn,
    progressReport: signedIn, // the diary gate (consent, family) is checked per student
    // Web Push (issue 10): the server's public key; one's own devices.
    pushPublicKey: signedIn,
    pushSubscriptions: signedIn,
  },
  mutation: notificationsWriteRules,
  types: {
    // Notifications (R-C4, R-C5): one's own; a progress report is the diary's.
    NotificationSettings: (viewer, o) => viewer?.userId === o.userId,
    Notice: (viewer, o) => viewer?.userId === o.recipientId,
    PushSubscription: (viewer, o) => viewer?.userId === o.userId,
    ProgressReport: (viewer, o) => canSeeWholeRecord(viewer, o),
    ProgressSubject: canSeeStudentRecord,
    AttendanceSummary: (viewer, o) => canSeeWholeRecord(viewer, o),
  },
} satisfies ModuleRules;
