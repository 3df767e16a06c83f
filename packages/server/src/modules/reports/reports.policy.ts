/** Rules of reports (R-R1..R-R4): each report object carries what it is about (canReadReport); the services check the class, school or student. */
import { ADMIN_ROLES, canReadReport, signedIn, withRole } from '../../policy/policy.js';
import type { ModuleRules } from '../../policy/module-rules.js';
import { Role } from '../../policy/roles.js';

/** The reports module's rules, read and write (`defineModule({ rules })`), merged into THE policy by graphql/schema.ts. */
export const reportsRules = {
  query: {
    // Reports (R-R1..R-R4): the services check the class, school or student the report is about.
    classSummary: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    fillRate: withRole(...ADMIN_ROLES),
    studentPeriodReport: signedIn, // behind the diary gate
    periodAnalytics: withRole(...ADMIN_ROLES, Role.CLASS_TEACHER),
    authorityStatistics: withRole(Role.INSPECTOR),
  },
  types: {
    // Reports (R-R1..R-R4): each object carries what it is about.
    ClassSummary: canReadReport,
    SummarySubject: canReadReport,
    SummaryRow: canReadReport,
    SummaryCell: canReadReport,
    AttendanceTally: canReadReport,
    PeriodMarkStats: canReadReport,
    FillRate: canReadReport,
    FillRateRow: canReadReport,
    StudentPeriodReport: canReadReport,
    ReportSubject: canReadReport,
    ClassSubjectStats: canReadReport,
    SchoolStatistics: canReadReport,
    AuthorityStatistics: canReadReport,
  },
} satisfies ModuleRules;
