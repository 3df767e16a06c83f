import { DateArg, IdArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { viewerOf, type Context } from '../../policy/context.js';
import { present, uuidArray } from '../../kernel/dataloader.js';
import { todayIso } from '../../kernel/dates.js';
import { StaffMemberType, StudentType } from './person.types.js';
import {
  AddHolidayInput,
  CreateAcademicYearInput,
  CreateClassInput,
  CreateStudyGroupInput,
  CreateSubjectInput,
  SetCurriculumHoursInput,
} from './school.inputs.js';
import { SchoolService } from './school.service.js';
import {
  AcademicYearType,
  CurriculumItemType,
  HolidayType,
  ReportingPeriodType,
  SchoolClassType,
  SchoolSummaryType,
  SchoolType,
  StudyGroupType,
  SubjectType,
} from './school.types.js';
import { inForce, inForceSql } from '../../kernel/in-force.js';

/** A school's current year among its years: the open one that contains today, else the latest open one. */
export function currentYearOf(years: AcademicYearType[], today: string): AcademicYearType | null {
  const open = years.filter((y) => !y.closed);
  return open.find((y) => inForce(y, today)) ?? open.at(-1) ?? null;
}

@Resolver(() => SchoolType)
export class SchoolResolver {
  constructor(private readonly service: SchoolService) {}

  @Query(() => [SchoolType], { description: 'The schools the viewer belongs to (an inspector: those of their authority)' })
  async schools(@Ctx() ctx: Context): Promise<SchoolType[]> {
    const viewer = viewerOf(ctx);
    const rows = await ctx.em
      .getConnection()
      .execute<{ id: string }[]>(`select s.id from school s where s.id = any(?::uuid[]) or s.authority_id = any(?::uuid[]) order by s.name, s.id`, [
        uuidArray(viewer.schoolIds),
        uuidArray(viewer.authorityIds),
      ]);
    return present(await ctx.loaders.schoolById.loadMany(rows.map((r) => r.id)));
  }

  @Query(() => SchoolType, { nullable: true })
  school(@IdArg('id') id: string, @Ctx() ctx: Context): Promise<SchoolType | null> {
    return ctx.loaders.schoolById.load(id);
  }

  @Query(() => [SchoolSummaryType], { description: "Aggregates of the authority's schools, for its inspectors" })
  async authoritySummary(@Ctx() ctx: Context): Promise<SchoolSummaryType[]> {
    const viewer = viewerOf(ctx);
    // An inspector reads schools of the whole authority: each school's own local date.
    const now = ctx.clock();
    const rows = await ctx.em.getConnection().execute<SchoolSummaryType[]>(
      `select s.id as "schoolId", s.name as "schoolName", s.authority_id as "authorityId",
        (select count(*)::int from school_class c join academic_year y on y.id = c.year_id
          where c.school_id = s.id and y.closed_at is null) as "classCount",
        (select count(distinct e.student_id)::int from enrolment e
          where e.school_id = s.id and ${inForceSql('e', '(?::timestamptz at time zone s.timezone)::date')}) as "studentCount",
        (select count(distinct g.user_id)::int from role_grant g
          where g.school_id = s.id and g.role = 'TEACHER' and g.revoked_at is null) as "teacherCount"
      from school s where s.authority_id = any(?::uuid[]) order by s.name, s.id`,
      [now, now, uuidArray(viewer.authorityIds)],
    );
    return rows.map((r) => Object.assign(new SchoolSummaryType(), r));
  }

  @FieldResolver(() => [AcademicYearType])
  years(@Root() school: SchoolType, @Ctx() ctx: Context): Promise<AcademicYearType[]> {
    return ctx.loaders.yearsBySchool.load(school.id);
  }

  @FieldResolver(() => AcademicYearType, { nullable: true, description: 'The open year that contains today, else the latest open one' })
  async currentYear(@Root() school: SchoolType, @Ctx() ctx: Context): Promise<AcademicYearType | null> {
    return currentYearOf(await ctx.loaders.yearsBySchool.load(school.id), todayIso(ctx.clock(), school.timeZone));
  }

  @FieldResolver(() => LocalDateResolver, { description: "Today on the school's own calendar (its time zone): the date the server judges the school's day by" })
  today(@Root() school: SchoolType, @Ctx() ctx: Context): string {
    return todayIso(ctx.clock(), school.timeZone);
  }

  @FieldResolver(() => [SubjectType])
  subjects(@Root() school: SchoolType, @Ctx() ctx: Context): Promise<SubjectType[]> {
    return ctx.loaders.subjectsBySchool.load(school.id);
  }

  @Mutation(() => AcademicYearType, { description: 'Plans a year with its reporting periods (R-O2)' })
  async createAcademicYear(@Arg('input', () => CreateAcademicYearInput) input: CreateAcademicYearInput, @Ctx() ctx: Context) {
    return AcademicYearType.from(await this.service.createAcademicYear(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => HolidayType)
  async addHoliday(@Arg('input', () => AddHolidayInput) input: AddHolidayInput, @Ctx() ctx: Context) {
    return HolidayType.from(await this.service.addHoliday(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => AcademicYearType, { description: 'Makes the year read-only' })
  async closeAcademicYear(@IdArg('yearId') yearId: string, @Ctx() ctx: Context) {
    return AcademicYearType.from(await this.service.closeAcademicYear(ctx.em, viewerOf(ctx), yearId));
  }

  @Mutation(() => SubjectType)
  async createSubject(@Arg('input', () => CreateSubjectInput) input: CreateSubjectInput, @Ctx() ctx: Context) {
    return SubjectType.from(await this.service.createSubject(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => CurriculumItemType, { nullable: true, description: 'Sets weekly hours of a subject in a grade; 0 removes it' })
  async setCurriculumHours(@Arg('input', () => SetCurriculumHoursInput) input: SetCurriculumHoursInput, @Ctx() ctx: Context) {
    const item = await this.service.setCurriculumHours(ctx.em, viewerOf(ctx), input);
    return item ? CurriculumItemType.from(item) : null;
  }

  @Mutation(() => SchoolClassType)
  async createClass(@Arg('input', () => CreateClassInput) input: CreateClassInput, @Ctx() ctx: Context) {
    return SchoolClassType.from(await this.service.createClass(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => SchoolClassType)
  async setClassTeacher(@IdArg('classId') classId: string, @IdArg('teacherId') teacherId: string, @Ctx() ctx: Context) {
    return SchoolClassType.from(await this.service.setClassTeacher(ctx.em, viewerOf(ctx), classId, teacherId));
  }

  @Mutation(() => StudyGroupType, { description: 'A whole class, a subgroup, an elective, a cross-class group or an individual plan' })
  async createStudyGroup(@Arg('input', () => CreateStudyGroupInput) input: CreateStudyGroupInput, @Ctx() ctx: Context) {
    return StudyGroupType.from(await this.service.createStudyGroup(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => StudyGroupType, { description: 'A new teacher takes the group from a date' })
  async assignTeacher(@IdArg('groupId') groupId: string, @IdArg('teacherId') teacherId: string, @DateArg('startsOn') startsOn: string, @Ctx() ctx: Context) {
    return StudyGroupType.from(await this.service.assignTeacher(ctx.em, viewerOf(ctx), groupId, teacherId, startsOn));
  }
}

@Resolver(() => AcademicYearType)
export class AcademicYearResolver {
  @FieldResolver(() => [ReportingPeriodType])
  periods(@Root() year: AcademicYearType, @Ctx() ctx: Context) {
    return ctx.loaders.periodsByYear.load(year.id);
  }

  @FieldResolver(() => [HolidayType])
  holidays(@Root() year: AcademicYearType, @Ctx() ctx: Context) {
    return ctx.loaders.holidaysByYear.load(year.id);
  }

  @FieldResolver(() => [CurriculumItemType])
  async curriculum(@Root() year: AcademicYearType, @Ctx() ctx: Context) {
    return (await ctx.loaders.curriculumByYear.load(year.id)).map((x) => x.item);
  }

  @FieldResolver(() => [SchoolClassType])
  classes(@Root() year: AcademicYearType, @Ctx() ctx: Context) {
    return ctx.loaders.classesByYear.load(year.id);
  }

  @FieldResolver(() => [StudyGroupType])
  groups(@Root() year: AcademicYearType, @Ctx() ctx: Context) {
    return ctx.loaders.groupsByYear.load(year.id);
  }
}

@Resolver(() => CurriculumItemType)
export class CurriculumItemResolver {
  @FieldResolver(() => SubjectType)
  async subject(@Root() item: CurriculumItemType, @Ctx() ctx: Context) {
    return ctx.loaders.subjectById.load(item.subjectId);
  }
}

@Resolver(() => SchoolClassType)
export class SchoolClassResolver {
  @FieldResolver(() => StaffMemberType, { nullable: true, description: 'Классный руководитель' })
  async classTeacher(@Root() c: SchoolClassType, @Ctx() ctx: Context) {
    const user = c.classTeacherId ? await ctx.loaders.userById.load(c.classTeacherId) : null;
    return user ? StaffMemberType.from(user, c.schoolId) : null;
  }

  @FieldResolver(() => [StudentType], { description: 'Students in the class today, by surname' })
  async students(@Root() c: SchoolClassType, @Ctx() ctx: Context) {
    return (await ctx.loaders.studentsByClass.load(c.id)).map((x) => x.student);
  }

  @FieldResolver(() => [StudyGroupType])
  groups(@Root() c: SchoolClassType, @Ctx() ctx: Context) {
    return ctx.loaders.groupsByClass.load(c.id);
  }
}

@Resolver(() => StudyGroupType)
export class StudyGroupResolver {
  @FieldResolver(() => SubjectType)
  async subject(@Root() g: StudyGroupType, @Ctx() ctx: Context) {
    return ctx.loaders.subjectById.load(g.subjectId);
  }

  @FieldResolver(() => SchoolClassType, { nullable: true })
  schoolClass(@Root() g: StudyGroupType, @Ctx() ctx: Context) {
    return g.classId ? ctx.loaders.classById.load(g.classId) : null;
  }

  @FieldResolver(() => [StaffMemberType], { description: 'Who teaches the group now' })
  async teachers(@Root() g: StudyGroupType, @Ctx() ctx: Context) {
    const assignments = await ctx.loaders.teacherIdsByGroup.load(g.id);
    const users = present(await ctx.loaders.userById.loadMany(assignments.map((a) => a.teacherId)));
    return users.map((u) => StaffMemberType.from(u, g.schoolId));
  }

  @FieldResolver(() => [StudentType], { description: 'Students of the group today' })
  students(@Root() g: StudyGroupType, @Ctx() ctx: Context) {
    return ctx.loaders.studentsByGroup.load(g.id);
  }
}
