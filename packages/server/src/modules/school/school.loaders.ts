import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byId, grouped } from '../../kernel/dataloader.js';
import type { Clock } from '../../kernel/clock.js';
import { StudentType, type PersonName } from './person.types.js';
import { Enrolment } from './enrolment.entity.js';
import { byFullName, bySurname, User } from './user.entity.js';
import { AcademicYear, Holiday, ReportingPeriod } from './academic-year.entity.js';
import { CurriculumItem } from './curriculum.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School, Subject, inForceAtItsSchool } from './school.entity.js';
import { GroupKind, GroupMember, StudyGroup, TeachingAssignment } from './study-group.entity.js';
import {
  AcademicYearType,
  CurriculumItemType,
  HolidayType,
  ReportingPeriodType,
  SchoolClassType,
  SchoolType,
  StudyGroupType,
  SubjectType,
} from './school.types.js';

declare module '../../kernel/loaders.js' {
  /** This module's part of the request's loaders. */
  interface Loaders extends ReturnType<typeof schoolLoaders> {}
}

/** Loaders only fetch; whether the viewer may see a result is the policy's business. */
export function schoolLoaders(em: EntityManager, clock: Clock) {
  // Loaders serve every viewer alike: each link in force on its own school's date, the school joined to it.
  const studentsOfClasses = async (classIds: string[]) =>
    (await em.find(Enrolment, { schoolClass: { $in: classIds } }, { populate: ['student', 'school'] }))
      .filter((e) => inForceAtItsSchool(e, clock()))
      .sort((a, b) => bySurname(a.student, b.student));

  return {
    schoolById: byId(async (ids) => (await em.find(School, { id: { $in: ids } }, { populate: ['authority'] })).map(SchoolType.from)),
    classById: byId(async (ids) => (await em.find(SchoolClass, { id: { $in: ids } })).map(SchoolClassType.from)),
    subjectById: byId(async (ids) => (await em.find(Subject, { id: { $in: ids } })).map(SubjectType.from)),
    groupById: byId(async (ids) => (await em.find(StudyGroup, { id: { $in: ids } })).map(StudyGroupType.from)),
    yearById: byId(async (ids) => (await em.find(AcademicYear, { id: { $in: ids } })).map(AcademicYearType.from)),
    periodById: byId(async (ids) => (await em.find(ReportingPeriod, { id: { $in: ids } })).map(ReportingPeriodType.from)),
    /** Names only: every screen shows a person by name; the big screens prime it with the rows they read. */
    userById: byId<PersonName>((ids) => em.find(User, { id: { $in: ids } })),

    yearsBySchool: grouped(
      async (ids) => (await em.find(AcademicYear, { school: { $in: ids } }, { orderBy: { startsOn: 'asc' } })).map(AcademicYearType.from),
      (y) => y.schoolId,
    ),
    subjectsBySchool: grouped(
      async (ids) => (await em.find(Subject, { school: { $in: ids } }, { orderBy: { name: 'asc' } })).map(SubjectType.from),
      (s) => s.schoolId,
    ),
    periodsByYear: grouped(
      async (ids) => (await em.find(ReportingPeriod, { year: { $in: ids } }, { orderBy: { startsOn: 'asc' } })).map(ReportingPeriodType.from),
      (p) => p.yearId,
    ),
    holidaysByYear: grouped(
      async (ids) => (await em.find(Holiday, { year: { $in: ids } }, { orderBy: { startsOn: 'asc' } })).map(HolidayType.from),
      (h) => h.yearId,
    ),
    curriculumByYear: grouped(
      async (ids) =>
        (await em.find(CurriculumItem, { year: { $in: ids } }, { orderBy: { grade: 'asc' } })).map((c) => ({
          yearId: c.year.id,
          item: CurriculumItemType.from(c),
        })),
      (x) => x.yearId,
    ),
    classesByYear: grouped(
      async (ids) => (await em.find(SchoolClass, { year: { $in: ids } }, { orderBy: { grade: 'asc', letter: 'asc' } })).map(SchoolClassType.from),
      (c) => c.yearId,
    ),
    groupsByYear: grouped(
      async (ids) => (await em.find(StudyGroup, { year: { $in: ids } }, { orderBy: { name: 'asc' } })).map(StudyGroupType.from),
      (g) => g.yearId,
    ),
    groupsByClass: grouped(
      async (ids) => (await em.find(StudyGroup, { schoolClass: { $in: ids } }, { orderBy: { name: 'asc' } })).map(StudyGroupType.from),
      (g) => g.classId!,
    ),
    /** Students in a class today, in journal order (by surname). */
    studentsByClass: grouped(
      async (ids) =>
        (await studentsOfClasses(ids)).map((e) => ({
          classId: e.schoolClass.id,
          student: StudentType.from(e.student, e.school.id, e.schoolClass.id),
        })),
      (x) => x.classId,
    ),
    /** Students of a group today: a whole-class group follows its class, others their members. */
    studentsByGroup: new DataLoader<string, StudentType[]>(async (groupIds) => {
      const groups = await em.find(StudyGroup, { id: { $in: [...groupIds] } });
      const wholeClass = groups.filter((g) => g.kind === GroupKind.WHOLE_CLASS && g.schoolClass);
      const enrolled = await studentsOfClasses(wholeClass.map((g) => g.schoolClass!.id));
      const members = (await em.find(GroupMember, { group: { $in: [...groupIds] } }, { populate: ['student', 'school'] })).filter((m) =>
        inForceAtItsSchool(m, clock()),
      );
      return groupIds.map((id) => {
        const group = groups.find((g) => g.id === id);
        if (!group) return [];
        if (group.kind === GroupKind.WHOLE_CLASS) {
          return enrolled.filter((e) => e.schoolClass.id === group.schoolClass?.id).map((e) => StudentType.from(e.student, e.school.id, e.schoolClass.id));
        }
        return members
          .filter((m) => m.group.id === id)
          .map((m) => StudentType.from(m.student, m.school.id, null))
          .sort(byFullName);
      });
    }),
    /** Who teaches a group today. */
    teacherIdsByGroup: grouped(
      async (ids) =>
        (await em.find(TeachingAssignment, { group: { $in: ids } }, { populate: ['school'] }))
          .filter((t) => inForceAtItsSchool(t, clock()))
          .map((t) => ({ groupId: t.group.id, teacherId: t.teacher.id })),
      (t) => t.groupId,
    ),
  };
}
