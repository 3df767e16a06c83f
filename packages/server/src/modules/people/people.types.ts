import { DateField, IdField, TEXT, TextField } from '../../kernel/input-fields.js';
import { ArrayMaxSize, ArrayNotEmpty } from 'class-validator';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../policy/roles.js';
import { type RoleGrant, type Enrolment, fullName, shortName, type User, StudentType } from '../school/index.js';
import { GuardianKind, type Guardianship } from './student.entity.js';

/** Logins: lower-case latin letters, digits, dots, dashes, underscores. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/i;

/** Logins are compared case-insensitively and without surrounding spaces, as people type them. */
export const normalizeLogin = (login: string) => login.trim().toLowerCase();

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person does in a school; one person may hold several roles.',
});

// ── people, grants and families (issue 3) ───────────────────────────────────

registerEnumType(GuardianKind, { name: 'GuardianKind', description: 'How a parent or legal representative is related to the child' });

/** R-A6: whether the viewer may open this student's diary now. */
export enum DiaryAccess {
  ALLOWED = 'ALLOWED',
  /** The viewer is the student or their parent, but no consent to data processing is on record. */
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
}
registerEnumType(DiaryAccess, { name: 'DiaryAccess', description: 'Whether the diary opens for the viewer (R-A6)' });

const STAFF_GRANT_ROLES = new Set<Role>([Role.SCHOOL_ADMIN, Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.TEACHER, Role.CLASS_TEACHER, Role.SECRETARY, Role.HR]);
export const isStaffRole = (role: Role) => STAFF_GRANT_ROLES.has(role);

@ObjectType('RoleGrant', { description: 'One role of one person in one school; revoked grants stay for the record' })
export class RoleGrantType {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Staff position, e.g. "учитель математики"' })
  position!: string | null;

  @Field(() => DateTimeISOResolver)
  grantedAt!: Date;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Staff: last day of the contract; the grant ends 2 days after it' })
  endsOn!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Boolean)
  active!: boolean;

  /** Not exposed: the policy decides visibility by these. */
  userId!: string;
  schoolId!: string | null;

  static from(g: RoleGrant): RoleGrantType {
    return Object.assign(new RoleGrantType(), {
      id: g.id,
      role: g.role,
      position: g.position ?? null,
      grantedAt: g.grantedAt,
      endsOn: g.endsOn ?? null,
      revokedAt: g.revokedAt ?? null,
      active: !g.revokedAt,
      userId: g.user.id,
      schoolId: g.school?.id ?? null,
    });
  }
}

/** A person as the school's administration keeps them (R-O6): personal data and account state. */
@ObjectType('Person')
export class PersonType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  login!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { description: 'Фамилия И. О.' })
  shortName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  birthDate!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Boolean, { description: 'False once the account is deactivated (R-A7); the records stay' })
  active!: boolean;

  @Field(() => DateTimeISOResolver, { nullable: true })
  deactivatedAt!: Date | null;

  @Field(() => String, { nullable: true })
  deactivationReason!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'R-A2: changes made since then are flagged invalid' })
  compromisedSince!: Date | null;

  /** Not exposed: schools where the person has (or had) a staff grant, and a student/parent grant. */
  staffSchoolIds!: string[];
  familySchoolIds!: string[];

  static from(user: User, grants: RoleGrant[]): PersonType {
    const schools = (staff: boolean) => [...new Set(grants.flatMap((g) => (g.school && isStaffRole(g.role) === staff ? [g.school.id] : [])))];
    return Object.assign(new PersonType(), {
      id: user.id,
      login: user.login,
      fullName: fullName(user),
      shortName: shortName(user),
      lastName: user.lastName,
      firstName: user.firstName,
      middleName: user.middleName ?? null,
      birthDate: user.birthDate ?? null,
      email: user.email ?? null,
      phone: user.phone ?? null,
      active: user.active,
      deactivatedAt: user.deactivatedAt ?? null,
      deactivationReason: user.deactivationReason ?? null,
      compromisedSince: user.compromisedSince ?? null,
      staffSchoolIds: schools(true),
      familySchoolIds: schools(false),
    });
  }
}

@ObjectType('CreatePersonPayload')
export class CreatePersonPayload {
  @Field(() => PersonType)
  person!: PersonType;

  @Field(() => String, { description: 'Shown once: hand it to the person; only its argon2 hash is kept' })
  initialPassword!: string;

  /** Not exposed: only the one who created the person sees the password. */
  createdById!: string;
}

/** A parent or legal representative of a student, as the student's viewers see them. */
@ObjectType('Guardian')
export class GuardianType {
  @Field(() => ID)
  parentId!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => GuardianKind)
  kind!: GuardianKind;

  @Field(() => Boolean, { description: "This parent's own consent to data processing is on record (R-A6)" })
  hasConsent!: boolean;

  /** Not exposed: whose guardian this is. */
  studentId!: string;
  schoolId!: string;

  static from(g: Guardianship, hasConsent: boolean): GuardianType {
    return Object.assign(new GuardianType(), {
      parentId: g.parent.id,
      fullName: fullName(g.parent),
      kind: g.kind,
      hasConsent,
      studentId: g.student.id,
      schoolId: g.school.id,
    });
  }
}

/** A span of a student's membership of a class: history is kept, transfers close one and open the next. */
@ObjectType('Enrolment')
export class EnrolmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day in the class; null while the student is in it' })
  endsOn!: string | null;

  /** Not exposed: resolved through the class loader; the policy decides by the student. */
  classId!: string;
  studentId!: string;
  schoolId!: string;

  static from(e: Enrolment): EnrolmentType {
    return Object.assign(new EnrolmentType(), {
      id: e.id,
      startsOn: e.startsOn,
      endsOn: e.endsOn ?? null,
      classId: e.schoolClass.id,
      studentId: e.student.id,
      schoolId: e.school.id,
    });
  }
}

/** The personal page of a student's diary: opens only with consent (R-A6). */
@ObjectType('StudentProfile')
export class StudentProfileType {
  @Field(() => ID)
  id!: string;

  @Field(() => StudentType)
  student!: StudentType;

  @Field(() => LocalDateResolver, { nullable: true })
  birthDate!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  /** Not exposed. */
  schoolId!: string;
}

/** A person's e-mail: the column's varchar(255) and a plain address shape (unique per address, any case). */
const EMAIL = { max: TEXT.line, nullable: true, pattern: { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, hint: 'a valid e-mail address' } } as const;
const PHONE = { max: 20, nullable: true, pattern: { regex: /^\+?[\d\s()-]{5,20}$/, hint: 'a valid phone number' } } as const;

@InputType()
export class CreatePersonInput {
  @IdField()
  schoolId!: string;

  @Field(() => [Role], { description: 'STUDENT, PARENT, or staff roles (TEACHER, SECRETARY...)' })
  @ArrayNotEmpty()
  @ArrayMaxSize(8)
  roles!: Role[];

  @TextField({ max: 100 })
  lastName!: string;

  @TextField({ max: 100 })
  firstName!: string;

  @TextField({ max: 100, nullable: true })
  middleName?: string | null;

  @DateField({ nullable: true })
  birthDate?: string | null;

  @TextField(EMAIL)
  email?: string | null;

  @TextField(PHONE)
  phone?: string | null;

  @TextField({
    max: 40,
    nullable: true,
    pattern: { regex: LOGIN_PATTERN, hint: '3–40 latin letters, digits, dots, dashes or underscores' },
    description: 'Generated from the name when absent',
  })
  login?: string | null;

  @TextField({ max: 200, nullable: true, description: 'Staff position as printed in documents' })
  position?: string | null;
}

@InputType()
export class GrantRoleInput {
  @IdField()
  userId!: string;

  @IdField()
  schoolId!: string;

  @Field(() => Role)
  role!: Role;

  @TextField({ max: 200, nullable: true })
  position?: string | null;

  @DateField({ nullable: true, description: 'Staff: last day of the contract' })
  endsOn?: string | null;
}

@InputType({ description: 'R-O6: personal data kept current. Omitted fields stay as they are; null clears an optional one' })
export class UpdatePersonInput {
  @IdField()
  userId!: string;

  @TextField({ max: 100, nullable: true })
  lastName?: string;

  @TextField({ max: 100, nullable: true })
  firstName?: string;

  @TextField({ max: 100, nullable: true })
  middleName?: string | null;

  @DateField({ nullable: true })
  birthDate?: string | null;

  @TextField(EMAIL)
  email?: string | null;

  @TextField(PHONE)
  phone?: string | null;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    RoleGrant: RoleGrantType;
    Person: PersonType;
    CreatePersonPayload: CreatePersonPayload;
    Guardian: GuardianType;
    Enrolment: EnrolmentType;
    StudentProfile: StudentProfileType;
  }
}
