/**
 * A small DSL that describes schools and the people in them, then writes it in one flush.
 * Tests tell their story with it; the demo seeder builds the demo school with it.
 *
 *   await seed(em, school('Школа № 1')
 *     .withStaff('ivanova', 'Иванова Анна Петровна', [Role.TEACHER])
 *     .withClass('5А', { classTeacher: 'ivanova' })
 *     .withParent('petrova', 'Петрова Мария Ивановна')
 *     .withStudent('petya', 'Петров Пётр', { inClass: '5А', parents: ['petrova'] }));
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../../modules/people/password.js';
import { Role } from '../../policy/roles.js';
import { RoleGrant } from '../../modules/school/role-grant.entity.js';
import { Consent } from '../../modules/people/consent.entity.js';
import { Enrolment } from '../../modules/school/enrolment.entity.js';
import { GuardianKind, Guardianship } from '../../modules/people/student.entity.js';
import { User } from '../../modules/school/user.entity.js';
import { AcademicYear, Holiday, PeriodKind, ReportingPeriod } from '../../modules/school/academic-year.entity.js';
import { SchoolClass } from '../../modules/school/school-class.entity.js';
import { EducationAuthority, School, Subject } from '../../modules/school/school.entity.js';
import { WorkType } from '../../modules/journal/journal.entity.js';
import { DEFAULT_WORK_TYPES } from '../../modules/journal/work-types.js';
import { CurriculumItem } from '../../modules/school/curriculum.entity.js';
import { GroupKind, GroupMember, StudyGroup, TeachingAssignment } from '../../modules/school/study-group.entity.js';
import { TimetableSlot } from '../../modules/timetable/timetable.entity.js';
import { generateLessonsOfPeriod } from '../../modules/timetable/timetable.service.js';
import { quarterCalendar, schoolYearStart, type SchoolYearCalendar } from './calendar.js';

interface PersonSpec {
  login: string;
  name: string;
  roles: Role[];
  position?: string;
  email?: string;
  phone?: string;
  birthDate?: string;
}

interface GroupSpec {
  subject: string;
  /** The class of a whole-class group or subgroup; omitted for cross-class groups. */
  className?: string;
  name: string;
  kind: GroupKind;
  teacher?: string;
  students: string[];
  /** Weekly slots: [weekday 1–6, lesson number, room?], the same in every period. */
  slots: [number, number, string?][];
}

interface StudentSpec extends PersonSpec {
  inClass: string;
  parents: { login: string; kind: GuardianKind }[];
}

export class SchoolBuilder {
  readonly subjects: { name: string; shortName: string }[] = [];
  readonly classes: { name: string; classTeacher?: string }[] = [];
  readonly staff: PersonSpec[] = [];
  readonly parents: PersonSpec[] = [];
  readonly students: StudentSpec[] = [];
  readonly inspectors: PersonSpec[] = [];
  readonly groups: GroupSpec[] = [];
  readonly curriculum: { grade: number; subject: string; hoursPerWeek: number }[] = [];
  readonly consents: { student: string; givenBy?: string[] }[] = [];
  /** Set by inYear; else the school year that `seed`'s `now` falls in. */
  calendar: SchoolYearCalendar | null = null;
  /** Set by inZone; else Moscow time (`School.timezone`'s default). */
  timezone: string | null = null;

  constructor(
    readonly name: string,
    readonly opts: { shortName?: string; authority?: string } = {},
  ) {}

  /** The school's time zone (`school('…').inZone('Asia/Vladivostok')`): its "today" and lesson times are local to it. */
  inZone(timezone: string): this {
    this.timezone = timezone;
    return this;
  }

  inYear(startYear: number): this {
    this.calendar = quarterCalendar(startYear);
    return this;
  }

  withSubjects(...subjects: (string | { name: string; shortName: string })[]): this {
    for (const s of subjects) this.subjects.push(typeof s === 'string' ? { name: s, shortName: s } : s);
    return this;
  }

  withClass(name: string, opts: { classTeacher?: string } = {}): this {
    this.classes.push({ name, ...opts });
    return this;
  }

  withStaff(login: string, name: string, roles: Role[], details: Partial<PersonSpec> = {}): this {
    this.staff.push({ login, name, roles, ...details });
    return this;
  }

  withParent(login: string, name: string, details: Partial<PersonSpec> = {}): this {
    this.parents.push({ login, name, roles: [Role.PARENT], ...details });
    return this;
  }

  /** `parents`: logins of parents declared with withParent (or staff who are parents too). */
  withStudent(
    login: string,
    name: string,
    opts: { inClass: string; parents?: (string | { login: string; kind: GuardianKind })[] } & Partial<PersonSpec>,
  ): this {
    const { inClass, parents = [], ...details } = opts;
    this.students.push({
      login,
      name,
      roles: [Role.STUDENT],
      ...details,
      inClass,
      parents: parents.map((p) => (typeof p === 'string' ? { login: p, kind: GuardianKind.MOTHER } : p)),
    });
    return this;
  }

  /** R-A6: consent to data processing for a student, given by `givenBy` (default: each of their parents). */
  withConsent(student: string, givenBy?: string | string[]): this {
    this.consents.push({ student, givenBy: givenBy === undefined ? undefined : [givenBy].flat() });
    return this;
  }

  withCurriculum(grade: number, hours: Record<string, number>): this {
    for (const [subject, hoursPerWeek] of Object.entries(hours)) this.curriculum.push({ grade, subject, hoursPerWeek });
    return this;
  }

  /**
   * A study group and its weekly timetable. `withGroup('Математика', '5А', { teacher: 'ivanova',
   * slots: [[1, 1, '21']] })` is the whole class; pass `kind` and `students` for other groups.
   */
  withGroup(
    subject: string,
    className: string | undefined,
    opts: { teacher?: string; kind?: GroupKind; name?: string; students?: string[]; slots?: [number, number, string?][] } = {},
  ): this {
    const kind = opts.kind ?? GroupKind.WHOLE_CLASS;
    const name = opts.name ?? className;
    if (!name) throw new Error(`a ${subject} group without a class needs a name`);
    this.groups.push({ subject, className, name, kind, teacher: opts.teacher, students: opts.students ?? [], slots: opts.slots ?? [] });
    return this;
  }

  withInspector(login: string, name: string): this {
    this.inspectors.push({ login, name, roles: [Role.INSPECTOR] });
    return this;
  }
}

export const school = (name: string, opts?: SchoolBuilder['opts']) => new SchoolBuilder(name, opts);

/** What `seed` wrote, to look things up by the names the story used. */
export class SeededWorld {
  readonly users = new Map<string, User>();
  readonly schools = new Map<string, School>();
  readonly classes = new Map<string, SchoolClass>();
  readonly subjects = new Map<string, Subject>();
  readonly years = new Map<string, AcademicYear>();
  readonly groups = new Map<string, StudyGroup>();
  readonly workTypes = new Map<string, WorkType>();
  readonly periods = new Map<string, ReportingPeriod[]>();

  user(login: string): User {
    return must(this.users.get(login), `user ${login}`);
  }
  school(name?: string): School {
    return must(name ? this.schools.get(name) : [...this.schools.values()][0], `school ${name ?? ''}`);
  }
  /** `class('5А')`, or `class('5А', 'Школа № 2')` when several schools have a 5А. */
  class(name: string, schoolName?: string): SchoolClass {
    return must(this.classes.get(`${schoolName ?? this.school().name}/${name}`), `class ${name}`);
  }
  subject(name: string, schoolName?: string): Subject {
    return must(this.subjects.get(`${schoolName ?? this.school().name}/${name}`), `subject ${name}`);
  }
  /** `group('Математика', '5А')`: a group by subject and group name. */
  group(subject: string, name: string, schoolName?: string): StudyGroup {
    return must(this.groups.get(`${schoolName ?? this.school().name}/${subject}/${name}`), `group ${subject} ${name}`);
  }
  /** `workType('КР')`: a work type by its code. */
  workType(code: string, schoolName?: string): WorkType {
    return must(this.workTypes.get(`${schoolName ?? this.school().name}/${code}`), `work type ${code}`);
  }
  /** The reporting periods of a school's year, in order. */
  periodsOf(schoolName?: string): ReportingPeriod[] {
    return must(this.periods.get(schoolName ?? this.school().name), `periods of ${schoolName ?? ''}`);
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the seed has no ${what}`);
  return value;
}

const hashes = new Map<string, Promise<string>>();
/** Hashing is slow on purpose; one hash per distinct password keeps big seeds fast. */
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export function parseName(name: string): Pick<User, 'lastName' | 'firstName' | 'middleName'> {
  const [lastName = name, firstName = '', ...rest] = name.trim().split(/\s+/);
  return { lastName, firstName, middleName: rest.join(' ') || null };
}

function parseClassName(name: string): { grade: number; letter: string } {
  const match = name.match(/^(\d{1,2})\s*([А-ЯЁA-Z]*)$/iu);
  if (!match) throw new Error(`class name "${name}" is not a grade and a letter`);
  return { grade: Number(match[1]), letter: match[2].toUpperCase() };
}

/**
 * Writes every builder in one transaction. Every account gets `password` (default "secret"). `now` is
 * the domain time of the seed: when people, grants and consents are recorded, and the school year of
 * a builder without `inYear`.
 */
export async function seed(
  em: EntityManager,
  builders: SchoolBuilder | SchoolBuilder[],
  opts: {
    now: Date;
    password?: string;
    systemAdmins?: { login: string; name: string }[];
    /** Also generate the dated lessons of every period from the timetable. */
    lessons?: boolean;
  },
): Promise<SeededWorld> {
  const { now } = opts;
  const world = new SeededWorld();
  const passwordHash = await hashOnce(opts.password ?? 'secret');
  const fork = em.fork();
  const authorities = new Map<string, EducationAuthority>();

  const userFor = (spec: PersonSpec): User => {
    const existing = world.users.get(spec.login);
    if (existing) return existing; // a staff member who is also a parent, say
    const user = fork.create(User, {
      login: spec.login,
      passwordHash,
      ...parseName(spec.name),
      email: spec.email ?? null,
      phone: spec.phone ?? null,
      birthDate: spec.birthDate ?? null,
      createdAt: now,
    });
    world.users.set(spec.login, user);
    return user;
  };
  // A role is held once per place (the role_grant_active_unique index): a teacher of two classes is one class teacher.
  const granted = new Set<string>();
  const grant = (user: User, role: Role, where: { school?: School; authority?: EducationAuthority }, position?: string) => {
    const key = `${user.login}/${role}/${where.school?.id ?? ''}/${where.authority?.id ?? ''}`;
    if (granted.has(key)) return;
    granted.add(key);
    fork.create(RoleGrant, { user, role, school: where.school ?? null, authority: where.authority ?? null, position: position ?? null, grantedAt: now });
  };

  for (const admin of opts.systemAdmins ?? []) {
    grant(userFor({ ...admin, roles: [Role.SYSTEM_ADMIN] }), Role.SYSTEM_ADMIN, {});
  }

  for (const b of Array.isArray(builders) ? builders : [builders]) {
    const authorityName = b.opts.authority ?? 'Управление образования';
    const authority = authorities.get(authorityName) ?? fork.create(EducationAuthority, { name: authorityName });
    authorities.set(authorityName, authority);
    const s = fork.create(School, { authority, name: b.name, shortName: b.opts.shortName ?? b.name, ...(b.timezone ? { timezone: b.timezone } : {}) });
    world.schools.set(b.name, s);
    for (const w of DEFAULT_WORK_TYPES) world.workTypes.set(`${b.name}/${w.code}`, fork.create(WorkType, { school: s, ...w }));

    const cal = b.calendar ?? quarterCalendar(schoolYearStart(now));
    const year = fork.create(AcademicYear, { school: s, name: cal.name, startsOn: cal.startsOn, endsOn: cal.endsOn });
    world.years.set(b.name, year);
    world.periods.set(
      b.name,
      cal.quarters.map((q, i) =>
        fork.create(ReportingPeriod, { school: s, year, kind: PeriodKind.QUARTER, number: i + 1, startsOn: q.startsOn, endsOn: q.endsOn }),
      ),
    );
    for (const h of cal.holidays) fork.create(Holiday, { school: s, year, ...h });
    for (const subj of b.subjects) world.subjects.set(`${b.name}/${subj.name}`, fork.create(Subject, { school: s, ...subj }));

    for (const person of b.staff) {
      const user = userFor(person);
      for (const role of person.roles) {
        grant(user, role, role === Role.SYSTEM_ADMIN ? {} : { school: s }, person.position);
      }
    }
    for (const person of b.inspectors) grant(userFor(person), Role.INSPECTOR, { authority });
    for (const person of b.parents) grant(userFor(person), Role.PARENT, { school: s });

    for (const c of b.classes) {
      const classTeacher = c.classTeacher ? must(world.users.get(c.classTeacher), `class teacher ${c.classTeacher}`) : null;
      const schoolClass = fork.create(SchoolClass, { school: s, year, ...parseClassName(c.name), classTeacher });
      world.classes.set(`${b.name}/${c.name}`, schoolClass);
      if (classTeacher) grant(classTeacher, Role.CLASS_TEACHER, { school: s });
    }

    for (const st of b.students) {
      const user = userFor(st);
      grant(user, Role.STUDENT, { school: s });
      fork.create(Enrolment, {
        school: s,
        student: user,
        schoolClass: world.class(st.inClass, b.name),
        startsOn: cal.startsOn,
      });
      for (const p of st.parents) {
        const parent = must(world.users.get(p.login), `parent ${p.login} (declare it with withParent)`);
        fork.create(Guardianship, { school: s, parent, student: user, kind: p.kind, startsOn: cal.startsOn });
      }
    }

    for (const c of b.consents) {
      const spec = must(
        b.students.find((st) => st.login === c.student),
        `student ${c.student}`,
      );
      for (const login of c.givenBy ?? spec.parents.map((p) => p.login)) {
        fork.create(Consent, { school: s, student: world.user(c.student), givenBy: world.user(login), givenAt: now });
      }
    }

    for (const c of b.curriculum) {
      fork.create(CurriculumItem, { school: s, year, grade: c.grade, subject: world.subject(c.subject, b.name), hoursPerWeek: c.hoursPerWeek.toFixed(1) });
    }
    for (const g of b.groups) {
      const group = fork.create(StudyGroup, {
        school: s,
        year,
        subject: world.subject(g.subject, b.name),
        schoolClass: g.className ? world.class(g.className, b.name) : null,
        kind: g.kind,
        name: g.name,
        createdAt: now,
      });
      world.groups.set(`${b.name}/${g.subject}/${g.name}`, group);
      for (const login of g.students) fork.create(GroupMember, { school: s, group, student: world.user(login), startsOn: cal.startsOn });
      if (!g.teacher) continue;
      const teacher = world.user(g.teacher);
      fork.create(TeachingAssignment, { school: s, group, teacher, startsOn: cal.startsOn });
      for (const period of world.periodsOf(b.name)) {
        for (const [weekday, lessonNumber, room] of g.slots) {
          fork.create(TimetableSlot, { school: s, period, group, weekday, lessonNumber, room: room ?? null, teacher });
        }
      }
    }
  }
  await fork.flush();
  if (opts.lessons) {
    for (const periods of world.periods.values()) for (const period of periods) await generateLessonsOfPeriod(fork, period, now);
  }
  return world;
}
