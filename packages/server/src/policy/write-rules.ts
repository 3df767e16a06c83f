/**
 * Every mutation's write rule, by mutation name, assembled from the modules' `<area>.policy.ts`.
 * `applyPolicy` refuses a schema with a mutation missing here (see write-rule.ts).
 */
import { auditWriteRules } from '../modules/audit/audit.policy.js';
import { authWriteRules } from '../modules/auth/auth.policy.js';
import { eventsWriteRules } from '../modules/events/events.policy.js';
import { journalWriteRules } from '../modules/journal/journal.policy.js';
import { messagingWriteRules } from '../modules/messaging/messaging.policy.js';
import { notificationsWriteRules } from '../modules/notifications/notifications.policy.js';
import { peopleWriteRules } from '../modules/people/people.policy.js';
import { schoolWriteRules } from '../modules/school/school.policy.js';
import { timetableWriteRules } from '../modules/timetable/timetable.policy.js';
import type { WriteCheck } from './write-rule.js';

export const writeRules: Record<string, WriteCheck> = {
  ...authWriteRules,
  ...schoolWriteRules,
  ...timetableWriteRules,
  ...journalWriteRules,
  ...eventsWriteRules,
  ...peopleWriteRules,
  ...auditWriteRules,
  ...messagingWriteRules,
  ...notificationsWriteRules,
};
