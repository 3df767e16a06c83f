import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GradingScale } from './grading.js';
import { PeriodKind, type AcademicYear, type Holiday, type ReportingPeriod } from './academic-year.entity.js';
import type { CurriculumItem } from './curriculum.entity.js';
import type { SchoolClass } from './school-class.entity.js';
import type { School, Subject } from './school.entity.js';
import { GroupKind, type StudyGroup } from './study-group.entity.js';

registerEnumType(PeriodKind, { name: 'PeriodKind', description: 'Quarters, trimesters, half-years or modules' });
registerEnumType(GroupKind, { name: 'GroupKind' });

export const PERIOD_NAMES: Record<PeriodKind, string> = {
  [PeriodKind.QUARTER]: 'четверть',
  [PeriodKind.TRIMESTER]: 'триместр',
  [PeriodKind.HALF_YEAR]: 'полугодие',
  [PeriodKind.MODULE]: 'модуль',
};

@ObjectType('School')
export class SchoolType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  shortName!: string;

  @Field(() => String, { description: 'The education authority the school reports to' })
  authorityName!: string;

  /** Not exposed: an inspector sees the schools of their authority. */
  authorityId!: string;

  /** Not exposed: whose calendar says "today" for the school (`School.timezone`). */
  timeZone!: string;

  static from(school: School): SchoolType {
    return Object.assign(new SchoolType(), {
      id: school.id,
      name: school.name,
      shortName: school.shortName,
      authorityName: school.authority.name,
      authorityId: school.authority.id,
      timeZone: school.timezone,
    });
  }
}

@ObjectType('AcademicYear')
export class AcademicYearType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. "2026/2027"' })
  name!: string;

  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver)
  endsOn!: string;

  @Field(() => Boolean, { description: 'A closed year is read-only' })
  closed!: boolean;

  schoolId!: string;

  static from(y: AcademicYear): AcademicYearType {
    return Object.assign(new AcademicYearType(), {
      id: y.id,
      name: y.name,
      startsOn: y.startsOn,
      endsOn: y.endsOn,
      closed: !!y.closedAt,
      schoolId: y.school.id,
    });
  }
}

@ObjectType('ReportingPeriod')
export class ReportingPeriodType {
  @Field(() => ID)
  id!: string;

  @Field(() => PeriodKind)
  kind!: PeriodKind;

  @Field(() => Int)
  number!: number;

  @Field(() => String, { description: 'e.g. "2 четверть"' })
  name!: string;

  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver)
  endsOn!: string;

  schoolId!: string;
  yearId!: string;

  /** From the entity, or from a row of the same columns (journal.queries.ts). */
  static from(
    p: Pick<ReportingPeriod, 'id' | 'kind' | 'number' | 'startsOn' | 'endsOn'> & { school: { id: string }; year: { id: string } },
  ): ReportingPeriodType {
    return Object.assign(new ReportingPeriodType(), {
      id: p.id,
      kind: p.kind,
      number: p.number,
      name: `${p.number} ${PERIOD_NAMES[p.kind]}`,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      schoolId: p.school.id,
      yearId: p.year.id,
    });
  }
}

@ObjectType('Holiday')
export class HolidayType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LocalDateResolver)
  startsOn!: string;

  @Field(() => LocalDateResolver)
  endsOn!: string;

  schoolId!: string;
  yearId!: string;

  static from(h: Holiday): HolidayType {
    return Object.assign(new HolidayType(), {
      id: h.id,
      name: h.name,
      startsOn: h.startsOn,
      endsOn: h.endsOn,
      schoolId: h.school.id,
      yearId: h.year.id,
    });
  }
}

@ObjectType('Subject')
export class SubjectType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  shortName!: string;

  schoolId!: string;

  static from(s: Subject): SubjectType {
    return Object.assign(new SubjectType(), { id: s.id, name: s.name, shortName: s.shortName, schoolId: s.school.id });
  }
}

@ObjectType('CurriculumItem', { description: 'Weekly hours of a subject in a grade (учебный план)' })
export class CurriculumItemType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  grade!: number;

  @Field(() => Float)
  hoursPerWeek!: number;

  subjectId!: string;
  schoolId!: string;

  static from(c: CurriculumItem): CurriculumItemType {
    return Object.assign(new CurriculumItemType(), {
      id: c.id,
      grade: c.grade,
      hoursPerWeek: Number(c.hoursPerWeek),
      subjectId: c.subject.id,
      schoolId: c.school.id,
    });
  }
}

@ObjectType('SchoolClass')
export class SchoolClassType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Grade and letter, e.g. "5А"' })
  name!: string;

  @Field(() => Int)
  grade!: number;

  @Field(() => String)
  letter!: string;

  /** Not exposed: the policy decides visibility by it. */
  schoolId!: string;
  yearId!: string;
  classTeacherId!: string | null;

  static from(c: SchoolClass): SchoolClassType {
    return Object.assign(new SchoolClassType(), {
      id: c.id,
      name: c.name,
      grade: c.grade,
      letter: c.letter,
      schoolId: c.school.id,
      yearId: c.year.id,
      classTeacherId: c.classTeacher?.id ?? null,
    });
  }
}

@ObjectType('StudyGroup', { description: 'Students who learn one subject together: it has a timetable and a journal page' })
export class StudyGroupType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GroupKind)
  kind!: GroupKind;

  @Field(() => GradingScale, { description: "The scale of the group's marks" })
  scale!: GradingScale;

  schoolId!: string;
  yearId!: string;
  subjectId!: string;
  classId!: string | null;

  static from(g: StudyGroup): StudyGroupType {
    return Object.assign(new StudyGroupType(), {
      id: g.id,
      name: g.name,
      kind: g.kind,
      scale: g.scale,
      schoolId: g.school.id,
      yearId: g.year.id,
      subjectId: g.subject.id,
      classId: g.schoolClass?.id ?? null,
    });
  }
}

@ObjectType('SchoolSummary', { description: 'Aggregates of one school for the education authority: no names' })
export class SchoolSummaryType {
  @Field(() => ID)
  schoolId!: string;

  @Field(() => String)
  schoolName!: string;

  @Field(() => Int)
  classCount!: number;

  @Field(() => Int)
  studentCount!: number;

  @Field(() => Int)
  teacherCount!: number;

  authorityId!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    School: SchoolType;
    AcademicYear: AcademicYearType;
    ReportingPeriod: ReportingPeriodType;
    Holiday: HolidayType;
    Subject: SubjectType;
    CurriculumItem: CurriculumItemType;
    SchoolClass: SchoolClassType;
    StudyGroup: StudyGroupType;
    SchoolSummary: SchoolSummaryType;
  }
}
