import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../policy/roles.js';
import { fullName, shortName, type User } from '../school/index.js';
import { primaryRole, type Viewer } from '../../policy/viewer.js';
import { SessionScope } from './session.entity.js';

registerEnumType(SessionScope, {
  name: 'SessionScope',
  description: "WEB: the web app's documents only (by hash, where trusted documents are on); API: any document",
});

@ObjectType('Viewer', { description: 'The signed-in person, as they see themselves' })
export class ViewerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  login!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { description: 'Фамилия И. О.' })
  shortName!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => Role, { description: 'The role shown in the header; staff roles come first' })
  primaryRole!: Role;

  @Field(() => String, {
    description: "The time zone of the viewer's school (IANA, e.g. Asia/Vladivostok): their «today» is the date there, whatever the device's zone",
  })
  timeZone!: string;

  /** Not exposed: the school of the viewer's latest school grant (grants come newest first). */
  schoolId!: string | null;
  childIds!: string[];
  taughtGroupIds!: string[];
  ledClassIds!: string[];

  static from(user: User, viewer: Viewer): ViewerType {
    return Object.assign(new ViewerType(), {
      id: user.id,
      login: user.login,
      fullName: fullName(user),
      shortName: shortName(user),
      roles: [...viewer.roles],
      primaryRole: primaryRole(viewer.roles),
      timeZone: viewer.timeZone,
      schoolId: viewer.grants.find((g) => g.schoolId)?.schoolId ?? null,
      childIds: [...viewer.childIds],
      taughtGroupIds: [...viewer.taughtGroupIds],
      ledClassIds: [...viewer.ledClassIds],
    });
  }
}

@ObjectType('LoginPayload')
export class LoginPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`, or as `connectionParams.token` over WebSocket' })
  token!: string;

  @Field(() => DateTimeISOResolver)
  expiresAt!: Date;

  @Field(() => ViewerType)
  viewer!: ViewerType;

  @Field(() => String, {
    nullable: true,
    description:
      'Keep it on this device and send it as `deviceToken` with the next `login` here: a device that signed in before is not held up by wrong passwords typed elsewhere. Null for an identity provider sign-in',
  })
  deviceToken!: string | null;

  /** Not exposed: whose payload this is. */
  userId!: string;
}

@ObjectType('ViewerAbilities', {
  description: "What the viewer may do in their school, asked of the server's own write and read rules: the web app offers exactly these screens and actions",
})
export class ViewerAbilitiesType {
  @Field(() => Boolean, { description: 'The people list of the school (Query.people)' })
  listPeople!: boolean;

  @Field(() => Boolean, { description: 'Adding people to the school (Mutation.createPerson, importPeople)' })
  addPeople!: boolean;

  @Field(() => Boolean, { description: 'Planning, closing and opening years (Mutation.createAcademicYear, closeAcademicYear)' })
  planYear!: boolean;

  @Field(() => Boolean, { description: "The open year's classes and groups (Mutation.createClass, createStudyGroup, setClassTeacher)" })
  editClasses!: boolean;

  @Field(() => Boolean, { description: "The open year's curriculum (Mutation.setCurriculumHours)" })
  editCurriculum!: boolean;

  @Field(() => Boolean, { description: 'The timetable (Mutation.generateLessons, setTimetableSlot)' })
  editTimetable!: boolean;

  @Field(() => Boolean, { description: 'Substitutions to approve (Query.substitutionRequests, Mutation.approveSubstitution)' })
  approveSubstitutions!: boolean;

  @Field(() => Boolean, { description: "Students' movements and the school's consent register (Mutation.recordMovement)" })
  keepStudentRecords!: boolean;

  @Field(() => Boolean, { description: "The school's audit log (Query.auditLog)" })
  readAuditLog!: boolean;

  @Field(() => Boolean, { description: 'Journal fill rates (Query.fillRate)' })
  readFillRate!: boolean;

  @Field(() => Boolean, { description: 'Summary sheets and analytics of classes (Query.classSummary, periodAnalytics)' })
  readClassReports!: boolean;

  @Field(() => Boolean, { description: "An inspector's aggregates of the authority's schools, without names (Query.authorityStatistics)" })
  readAuthorityStatistics!: boolean;

  @Field(() => Boolean, { description: "The school's deadlines and duties (Mutation.updateSchoolSettings)" })
  editSchoolSettings!: boolean;

  @Field(() => Boolean, {
    description: 'The control of the journals: late entries, missing period marks, notices, flagged marks and changes, remarks on journals, compromise reports',
  })
  controlJournals!: boolean;

  @Field(() => Boolean, { description: 'Confirming or retracting marks made from compromised accounts (Mutation.reviewFlaggedMark)' })
  reviewFlaggedMarks!: boolean;
  @Field(() => Boolean, { description: "The students' state exam register (Mutation.chooseExam, recordExamResult)" })
  keepExamRegister!: boolean;
  @Field(() => Boolean, { description: 'Promoting the pupils of the open year into the next (Mutation.commitYearTransition, Query.yearTransition)' })
  promoteStudents!: boolean;

  /** Not exposed: whose abilities these are. */
  userId!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    Viewer: ViewerType;
    LoginPayload: LoginPayload;
    ViewerAbilities: ViewerAbilitiesType;
  }
}
