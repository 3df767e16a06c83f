/** Rules of the class teacher's monitor and absence register (R-A4): the class teacher's classes and the administration. */
import { ADMIN_ROLES, canWatchClass, withRole } from '../../policy/policy.js';
import type { ModuleRules } from '../../policy/module-rules.js';
import { Role } from '../../policy/roles.js';

/** The monitor module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const monitorRules = {
  query: {
    // The class teacher's monitor and absence register (R-A4): the service checks the class (canWatchClass).
    classDay: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    absenceRegister: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
  },
  types: {
    ClassRecords: (viewer, o) => canWatchClass(viewer, { id: o.classId, schoolId: o.schoolId }),
  },
} satisfies ModuleRules;
