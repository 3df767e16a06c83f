import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { addDays, isValidIsoDate, overlaps } from '../../kernel/dates.js';
import { audit } from '../../kernel/audit.js';
import { grantOnce, staffMemberOf } from './staff.js';
import { Role } from '../../policy/roles.js';
import { Enrolment } from './enrolment.entity.js';
import { AcademicYear, Holiday, ReportingPeriod } from './academic-year.entity.js';
import { CurriculumItem } from './curriculum.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School, Subject } from './school.entity.js';
import type {
  AddHolidayInput,
  CreateAcademicYearInput,
  CreateClassInput,
  CreateStudyGroupInput,
  CreateSubjectInput,
  SetCurriculumHoursInput,
} from './school.inputs.js';
import { GroupKind, GroupMember, StudyGroup, TeachingAssignment } from './study-group.entity.js';

function checkRange(range: { startsOn: string; endsOn: string }, what: string) {
  if (!isValidIsoDate(range.startsOn) || !isValidIsoDate(range.endsOn)) throw badInput('BAD_DATE', `${what}: dates must be YYYY-MM-DD.`);
  if (range.startsOn > range.endsOn) throw badInput('ENDS_BEFORE_START', `${what} ends (${range.endsOn}) before it starts (${range.startsOn}).`);
}

/**
 * The organisational side of a school (R-O2, R-O3): years, periods, holidays, subjects,
 * curriculum, classes, groups and who teaches them. Every change is checked, audited and
 * written in one transaction, or not at all.
 */
export class SchoolService {
  constructor(private readonly clock: Clock) {}

  /** A year still open to changes (the write rule has let the viewer administer its school: school.policy.ts). */
  private async openYear(em: EntityManager, yearId: string): Promise<AcademicYear> {
    const year = await em.findOneOrFail(AcademicYear, yearId);
    if (year.closedAt) throw badInput('YEAR_CLOSED', `The year ${year.name} is closed and can no longer be changed.`);
    return year;
  }

  async createAcademicYear(em: EntityManager, viewer: Viewer, input: CreateAcademicYearInput): Promise<AcademicYear> {
    const school = await em.findOneOrFail(School, input.schoolId);
    checkRange(input, 'The year');
    input.periods.forEach((p, i) => checkRange(p, `Period ${i + 1}`));
    input.periods.forEach((p, i) => {
      if (p.startsOn < input.startsOn || p.endsOn > input.endsOn) {
        throw badInput('PERIOD_OUTSIDE_YEAR', `Period ${i + 1} (${p.startsOn}…${p.endsOn}) lies outside the year (${input.startsOn}…${input.endsOn}).`);
      }
      const next = input.periods[i + 1];
      if (next && next.startsOn <= p.endsOn) {
        throw badInput('PERIODS_OVERLAP', `Periods ${i + 1} and ${i + 2} overlap or are out of order: period ${i + 2} must start after ${p.endsOn}.`);
      }
    });
    const clash = (await em.find(AcademicYear, { school })).find((y) => overlaps(y, input));
    if (clash) throw badInput('YEARS_OVERLAP', `The year overlaps ${clash.name} (${clash.startsOn}…${clash.endsOn}).`);

    return em.transactional(async (tx) => {
      const year = tx.create(AcademicYear, { school, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn });
      input.periods.forEach((p, i) =>
        tx.create(ReportingPeriod, { school, year, kind: input.periodKind, number: i + 1, startsOn: p.startsOn, endsOn: p.endsOn }),
      );
      audit(tx, viewer, { action: 'year.create', entity: 'AcademicYear', entityId: year.id, schoolId: school.id, data: { ...input } }, this.clock());
      return year;
    });
  }

  async addHoliday(em: EntityManager, viewer: Viewer, input: AddHolidayInput): Promise<Holiday> {
    const year = await this.openYear(em, input.yearId);
    checkRange(input, 'The holiday');
    if (input.startsOn < year.startsOn || input.endsOn > year.endsOn) {
      throw badInput('HOLIDAY_OUTSIDE_YEAR', `The holiday (${input.startsOn}…${input.endsOn}) lies outside the year ${year.name}.`);
    }
    const holiday = em.create(Holiday, { school: year.school, year, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn });
    audit(em, viewer, { action: 'holiday.add', entity: 'Holiday', entityId: holiday.id, schoolId: year.school.id, data: { ...input } }, this.clock());
    await em.flush();
    return holiday;
  }

  async closeAcademicYear(em: EntityManager, viewer: Viewer, yearId: string): Promise<AcademicYear> {
    const year = await this.openYear(em, yearId);
    const now = this.clock();
    year.closedAt = now;
    audit(em, viewer, { action: 'year.close', entity: 'AcademicYear', entityId: year.id, schoolId: year.school.id }, now);
    await em.flush();
    return year;
  }

  async createSubject(em: EntityManager, viewer: Viewer, input: CreateSubjectInput): Promise<Subject> {
    const school = await em.findOneOrFail(School, input.schoolId);
    const name = input.name.trim();
    if (await em.count(Subject, { school, name })) throw badInput('ALREADY_EXISTS', `The subject "${name}" already exists.`, 'name');
    const subject = em.create(Subject, { school, name, shortName: input.shortName?.trim() || name });
    audit(em, viewer, { action: 'subject.create', entity: 'Subject', entityId: subject.id, schoolId: school.id, data: { name } }, this.clock());
    await em.flush();
    return subject;
  }

  async setCurriculumHours(em: EntityManager, viewer: Viewer, input: SetCurriculumHoursInput): Promise<CurriculumItem | null> {
    const year = await this.openYear(em, input.yearId);
    const subject = await em.findOne(Subject, { id: input.subjectId, school: year.school });
    if (!subject) throw badInput('SUBJECT_NOT_TAUGHT', 'The subject is not taught in this school.', 'subjectId');
    if (!Number.isInteger(input.hoursPerWeek * 2)) throw badInput('BAD_HOURS', 'Hours per week go in steps of 0.5.', 'hoursPerWeek');
    const existing = await em.findOne(CurriculumItem, { year, grade: input.grade, subject });
    const data = { grade: input.grade, subject: subject.name, hoursPerWeek: input.hoursPerWeek };
    audit(em, viewer, { action: 'curriculum.set', entity: 'AcademicYear', entityId: year.id, schoolId: year.school.id, data }, this.clock());
    if (input.hoursPerWeek === 0) {
      if (existing) em.remove(existing);
      await em.flush();
      return null;
    }
    const item = existing ?? em.create(CurriculumItem, { school: year.school, year, grade: input.grade, subject, hoursPerWeek: '0' });
    item.hoursPerWeek = input.hoursPerWeek.toFixed(1);
    await em.flush();
    return item;
  }

  async createClass(em: EntityManager, viewer: Viewer, input: CreateClassInput): Promise<SchoolClass> {
    const year = await this.openYear(em, input.yearId);
    const name = `${input.grade}${input.letter}`;
    if (await em.count(SchoolClass, { year, grade: input.grade, letter: input.letter })) {
      throw badInput('ALREADY_EXISTS', `Class ${name} already exists in ${year.name}.`, 'letter');
    }
    const classTeacher = input.classTeacherId ? await staffMemberOf(em, year.school.id, input.classTeacherId, 'class teacher', 'classTeacherId') : null;
    const now = this.clock();
    return em.transactional(async (tx) => {
      const schoolClass = tx.create(SchoolClass, { school: year.school, year, grade: input.grade, letter: input.letter, classTeacher });
      // The class-teacher role follows the assignment, once per person and school.
      if (classTeacher) await grantOnce(tx, classTeacher.id, year.school.id, Role.CLASS_TEACHER, now);
      audit(tx, viewer, { action: 'class.create', entity: 'SchoolClass', entityId: schoolClass.id, schoolId: year.school.id, data: { name } }, now);
      return schoolClass;
    });
  }

  async setClassTeacher(em: EntityManager, viewer: Viewer, classId: string, teacherId: string): Promise<SchoolClass> {
    const schoolClass = await em.findOneOrFail(SchoolClass, classId);
    const teacher = await staffMemberOf(em, schoolClass.school.id, teacherId, 'class teacher', 'teacherId');
    const now = this.clock();
    return em.transactional(async (tx) => {
      const previous = schoolClass.classTeacher?.id ?? null;
      schoolClass.classTeacher = teacher;
      await grantOnce(tx, teacher.id, schoolClass.school.id, Role.CLASS_TEACHER, now);
      audit(
        tx,
        viewer,
        {
          action: 'class.setClassTeacher',
          entity: 'SchoolClass',
          entityId: schoolClass.id,
          schoolId: schoolClass.school.id,
          data: { previous, teacherId },
        },
        now,
      );
      return schoolClass;
    });
  }

  async createStudyGroup(em: EntityManager, viewer: Viewer, input: CreateStudyGroupInput): Promise<StudyGroup> {
    const year = await this.openYear(em, input.yearId);
    const school = year.school;
    const subject = await em.findOne(Subject, { id: input.subjectId, school });
    if (!subject) throw badInput('SUBJECT_NOT_TAUGHT', 'The subject is not taught in this school.', 'subjectId');
    const schoolClass = input.classId ? await em.findOne(SchoolClass, { id: input.classId, year }) : null;
    if (input.classId && !schoolClass) throw badInput('CLASS_NOT_OF_YEAR', 'The class is not a class of this year.', 'classId');
    const studentIds = [...new Set(input.studentIds ?? [])];

    if ((input.kind === GroupKind.WHOLE_CLASS || input.kind === GroupKind.SUBGROUP) && !schoolClass) {
      throw badInput('CLASS_REQUIRED', `A ${input.kind === GroupKind.WHOLE_CLASS ? 'whole-class group' : 'subgroup'} needs its class.`, 'classId');
    }
    if (input.kind === GroupKind.WHOLE_CLASS && studentIds.length) {
      throw badInput('WHOLE_CLASS_LISTS_NOBODY', 'A whole-class group takes its students from the class; do not list them.', 'studentIds');
    }
    if (input.kind === GroupKind.INDIVIDUAL && studentIds.length !== 1) {
      throw badInput('INDIVIDUAL_PLAN_ONE_STUDENT', 'An individual plan is for exactly one student.', 'studentIds');
    }
    if (input.kind !== GroupKind.WHOLE_CLASS && !input.name?.trim()) throw badInput('NAME_REQUIRED', 'Name the group.', 'name');
    const name = input.name?.trim() || schoolClass!.name;
    if (await em.count(StudyGroup, { year, subject, name })) {
      throw badInput('ALREADY_EXISTS', `A ${subject.name} group named "${name}" already exists in ${year.name}.`, 'name');
    }

    const enrolments = studentIds.length
      ? await em.find(Enrolment, { student: { $in: studentIds }, school, schoolClass: { year } }, { populate: ['student'] })
      : [];
    for (const id of studentIds) {
      const enrolment = enrolments.find((e) => e.student.id === id);
      if (!enrolment) throw badInput('STUDENT_NOT_IN_SCHOOL', 'A listed student is not a student of this school this year.', 'studentIds');
      if (input.kind === GroupKind.SUBGROUP && enrolment.schoolClass.id !== schoolClass!.id) {
        throw badInput('STUDENT_NOT_IN_CLASS', `A subgroup of ${schoolClass!.name} can only take students of ${schoolClass!.name}.`, 'studentIds');
      }
    }
    const teacher = input.teacherId ? await staffMemberOf(em, school.id, input.teacherId, 'teacher', 'teacherId') : null;

    const now = this.clock();
    return em.transactional(async (tx) => {
      const group = tx.create(StudyGroup, { school, year, subject, schoolClass, kind: input.kind, name, createdAt: now });
      for (const e of enrolments) tx.create(GroupMember, { school, group, student: e.student, startsOn: year.startsOn });
      if (teacher) tx.create(TeachingAssignment, { school, group, teacher, startsOn: year.startsOn });
      audit(tx, viewer, { action: 'group.create', entity: 'StudyGroup', entityId: group.id, schoolId: school.id, data: { ...input } }, now);
      return group;
    });
  }

  /** A new teacher takes the group from `startsOn`; the previous assignment ends the day before. */
  async assignTeacher(em: EntityManager, viewer: Viewer, groupId: string, teacherId: string, startsOn: string): Promise<StudyGroup> {
    const group = await em.findOneOrFail(StudyGroup, groupId);
    const teacher = await staffMemberOf(em, group.school.id, teacherId, 'teacher', 'teacherId');
    if (!isValidIsoDate(startsOn)) throw badInput('BAD_DATE', 'startsOn must be YYYY-MM-DD.', 'startsOn');
    return em.transactional(async (tx) => {
      for (const current of await tx.find(TeachingAssignment, { group, endsOn: null })) {
        if (current.teacher.id === teacher.id) throw badInput('ALREADY_TEACHES', 'This teacher already teaches the group.', 'teacherId');
        current.endsOn = addDays(startsOn, -1);
      }
      tx.create(TeachingAssignment, { school: group.school, group, teacher, startsOn });
      audit(
        tx,
        viewer,
        { action: 'group.assignTeacher', entity: 'StudyGroup', entityId: group.id, schoolId: group.school.id, data: { teacherId, startsOn } },
        this.clock(),
      );
      return group;
    });
  }
}
