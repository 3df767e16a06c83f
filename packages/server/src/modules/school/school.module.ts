import { defineModule } from '../../kernel/module.js';
import { AcademicYear, Holiday, ReportingPeriod } from './academic-year.entity.js';
import { CurriculumItem } from './curriculum.entity.js';
import { DutyDone } from './duties.entity.js';
import { DutiesResolver } from './duties.resolver.js';
import { Enrolment } from './enrolment.entity.js';
import { RoleGrant } from './role-grant.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { EducationAuthority, School, Subject } from './school.entity.js';
import { schoolLoaders } from './school.loaders.js';
import { AcademicYearResolver, CurriculumItemResolver, SchoolClassResolver, SchoolResolver, StudyGroupResolver } from './school.resolver.js';
import { SchoolService } from './school.service.js';
import { SchoolSettings } from './settings.entity.js';
import { SchoolSettingsResolver } from './settings.resolver.js';
import { GroupMember, StudyGroup, TeachingAssignment } from './study-group.entity.js';
import { YearTransition } from './year-transition.entity.js';
import { YearTransitionResolver } from './year-transition.resolver.js';
import { schoolRules } from './school.policy.js';
import { User } from './user.entity.js';

export const schoolModule = defineModule({
  name: 'school',
  resolvers: [
    SchoolResolver,
    AcademicYearResolver,
    CurriculumItemResolver,
    SchoolClassResolver,
    StudyGroupResolver,
    YearTransitionResolver,
    SchoolSettingsResolver,
    DutiesResolver,
  ],
  rules: schoolRules,
  instances: (clock) => [[SchoolResolver, new SchoolResolver(new SchoolService(clock))]],
  entities: [
    EducationAuthority,
    School,
    Subject,
    AcademicYear,
    ReportingPeriod,
    Holiday,
    SchoolClass,
    CurriculumItem,
    StudyGroup,
    GroupMember,
    TeachingAssignment,
    SchoolSettings,
    DutyDone,
    YearTransition,
    User,
    RoleGrant,
    Enrolment,
  ],
  loaders: schoolLoaders,
});
