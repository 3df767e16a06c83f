/**
 * The school module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { AcademicYear, Holiday, PeriodKind, ReportingPeriod } from './academic-year.entity.js';
export { CurriculumItem } from './curriculum.entity.js';
export { DutyKind } from './duties.entity.js';
export { dueDates, yearOf } from './duties.js';
export { Enrolment } from './enrolment.entity.js';
export {
  type Fraction,
  GradingScale,
  type MarkSummary,
  SPECIAL_MARKS,
  compareFractions,
  convertPoints,
  describeScale,
  formatAverage,
  marksNeeded,
  parseMark,
  roundHalfUp,
  summarizeMarks,
  weightedAverage,
} from './grading.js';
export { MovementKind } from './movement-kind.js';
export { type PersonName, StaffMemberType, StudentType } from './person.types.js';
export { RoleGrant } from './role-grant.entity.js';
export { SchoolClass } from './school-class.entity.js';
export { School, Subject, inForceAtItsSchool } from './school.entity.js';
export { schoolModule } from './school.module.js';
export { type GroupFacts, type OfSchool, byAdministration, groupFacts } from './school.policy.js';
export { currentYearOf } from './school.resolver.js';
export { PERIOD_NAMES, ReportingPeriodType, SchoolClassType, SchoolType, StudyGroupType, SubjectType } from './school.types.js';
export { DEFAULT_SETTINGS, type DeadlineSettings, settingsOf } from './settings.js';
export { grantOnce, staffMemberOf } from './staff.js';
export { GroupKind, GroupMember, StudyGroup, TeachingAssignment } from './study-group.entity.js';
export { User, byFullName, bySurname, fullName, shortName } from './user.entity.js';
