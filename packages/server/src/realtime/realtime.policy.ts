/**
 * Rules of the realtime subscriptions (issue 6): the diary gate (family, consent) and the class-watch rule are checked
 * at subscribe and again for every batch of events against a freshly loaded viewer (realtime.ts asks these type rules).
 */
import type { ModuleRules } from '../policy/module-rules.js';
import { ADMIN_ROLES, canReadJournal, canSeeStudentRecord, canWatchClass, diaryAccess, signedIn, withRole } from '../policy/policy.js';
import { Role } from '../policy/roles.js';

/** Read rules of the realtime resolvers (realtime.resolver.ts), merged into THE policy by graphql/schema.ts. */
export const realtimeRules = {
  subscription: {
    // Realtime (issue 6): the diary gate (family, consent) and the class-watch rule are checked at
    // subscribe and again for every batch of events against a freshly loaded viewer (realtime/realtime.ts).
    diaryEvents: signedIn,
    classEvents: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    messageEvents: signedIn, // the viewer's own events in a school they belong to
  },
  types: {
    MessageEvent: (viewer, o) => viewer?.userId === o.recipientId,
    // Realtime (issue 6): an event is a record about a student (for a lesson change, the diary's student).
    DiaryEvent: (viewer, o) =>
      diaryAccess(viewer, { id: o.studentId, schoolId: o.schoolId }) === 'ALLOWED' && (!o.groupId || canSeeStudentRecord(viewer, { ...o, groupId: o.groupId })),
    ClassEvent: (viewer, o) =>
      canWatchClass(viewer, { id: o.watchedClassId, schoolId: o.schoolId }) &&
      !!o.groupId &&
      (o.studentId
        ? canSeeStudentRecord(viewer, { schoolId: o.schoolId, studentId: o.studentId, groupId: o.groupId, classId: o.classId })
        : canReadJournal(viewer, { id: o.groupId, schoolId: o.schoolId, classId: o.classId })),
  },
} satisfies ModuleRules;
