import { DateArg, IdArg, IntArg, TEXT, TextArg, VERSION } from '../../kernel/input-fields.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, viewerToday, type Context } from '../../policy/context.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { canReadJournal, canSeeStudentRecord, ensureDiaryAccess } from '../../policy/policy.js';
import { addDays, mondayOf } from '../../kernel/dates.js';
import { recordDiaryVisit } from '../people/index.js';
import { StaffMemberType, StudentType, ReportingPeriodType, StudyGroupType, SubjectType, GradingScale, marksNeeded, summarizeMarks } from '../school/index.js';
import { LessonType } from '../timetable/index.js';
import { COUNTED_MARKS, Mark } from './journal.entity.js';
import { readDiaryWeek, readJournalPage, readStudentTerm } from './journal.queries.js';
import { mayAcknowledgeMark } from './journal.policy.js';
import { JournalService } from './journal.service.js';
import {
  AddRemarkInput,
  AttendanceChangeType,
  AttendanceType,
  ChangeMarkInput,
  FinalMarkType,
  MarkChangeType,
  MarksNeededType,
  MarkType,
  PutMarkInput,
  RemarkType,
  SetAttendanceInput,
  SetFinalMarkInput,
  SetLessonContentInput,
  SubjectAverageType,
  WorkTypeType,
  type StudentRecordKeys,
} from './journal.types.js';

/**
 * The student a diary screen is about (name, school, class today), kept like the screens' rows
 * (graphql/screen-cache.ts: dropped by the student's commits and by enrolment changes): the diary gate
 * decides on it every time.
 */
async function keptStudent(ctx: Context, studentId: string): Promise<StudentType | null> {
  return ctx.screens.read(
    'student',
    // Kept per day of the viewer's calendar (their school's, which is the student's for family and staff).
    `${studentId}/${viewerToday(ctx)}`,
    () => ctx.loaders.studentById.load(studentId),
    (student) => student && { studentIds: [student.id] },
  );
}

/** R-J7 averages of a student's marks in one group, with the policy's keys. */
export function averageOf(keys: StudentRecordKeys, marks: MarkType[]): SubjectAverageType {
  const s = summarizeMarks(marks);
  return Object.assign(new SubjectAverageType(), { plain: s.plain, weighted: s.weighted, predicted: s.predicted, markCount: s.count, ...keys });
}

@ObjectType('JournalPage', { description: 'A page of the class journal: students × lessons of one group in one period' })
export class JournalPageType {
  @Field(() => StudyGroupType) group!: StudyGroupType;
  @Field(() => ReportingPeriodType) period!: ReportingPeriodType;
  @Field(() => GradingScale) scale!: GradingScale;
  @Field(() => [LessonType], { description: 'The columns, by date and lesson number' }) lessons!: LessonType[];
  @Field(() => [StudentType], { description: 'The rows, by surname' }) students!: StudentType[];
  @Field(() => [MarkType], { description: 'Current marks (retracted ones left out)' }) marks!: MarkType[];
  @Field(() => [AttendanceType]) attendance!: AttendanceType[];
  @Field(() => [FinalMarkType], { description: "This period's marks and the year's" }) finalMarks!: FinalMarkType[];
  @Field(() => [SubjectAverageType]) averages!: SubjectAverageType[];
  @Field(() => [WorkTypeType]) workTypes!: WorkTypeType[];
  schoolId!: string;
  groupId!: string;
  classId!: string | null;
}

@ObjectType('DiaryWeek', { description: "A student's diary for one week (R-D1)" })
export class DiaryWeekType {
  @Field(() => StudentType) student!: StudentType;
  @Field(() => LocalDateResolver, { description: 'Monday of the week' }) weekStart!: string;
  @Field(() => [LessonType], { description: 'Lessons with topic and homework, by date and number' }) lessons!: LessonType[];
  @Field(() => [MarkType], { description: 'Marks given at these lessons, retracted ones included (`retracted`, and why in `history`)' }) marks!: MarkType[];
  @Field(() => [AttendanceType]) attendance!: AttendanceType[];
  @Field(() => [RemarkType]) remarks!: RemarkType[];
  @Field(() => Boolean, { description: 'Issue 18: the pupil is taught at home (ОВЗ) in this week: their progress is kept in the paper journal' })
  keptOnPaper!: boolean;
  schoolId!: string;
  studentId!: string;
}

@ObjectType('SubjectTerm', { description: 'One subject of a student in a period: marks, averages, the period mark' })
export class SubjectTermType implements StudentRecordKeys {
  @Field(() => StudyGroupType) group!: StudyGroupType;
  @Field(() => [MarkType], { description: 'Retracted ones included; the average leaves them out' }) marks!: MarkType[];
  @Field(() => SubjectAverageType) average!: SubjectAverageType;
  @Field(() => FinalMarkType, { nullable: true }) periodMark!: FinalMarkType | null;
  schoolId!: string;
  studentId!: string;
  groupId!: string;
  classId!: string | null;
}

@Resolver(() => MarkType)
export class JournalResolver {
  constructor(private readonly service: JournalService) {}

  @Query(() => JournalPageType, { description: 'The journal grid of a group in a period; its teacher, class teacher and administration' })
  async journal(@IdArg('groupId') groupId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<JournalPageType> {
    // One statement (journal.queries.ts); the root is decided before any of its rows is used.
    const page = await readJournalPage(ctx.em, ctx.loaders, ctx.screens, { groupId, periodId, today: viewerToday(ctx) }, (group, period) => {
      if (!group || !canReadJournal(ctx.viewer, group)) throw notFound('No such group.');
      if (!period || period.yearId !== group.yearId) throw badInput('PERIOD_NOT_OF_YEAR', "The period is not a period of the group's year.", 'periodId');
    });
    const { group } = page;
    const keys = (studentId: string) => ({ schoolId: group.schoolId, studentId, groupId, classId: group.classId });
    return Object.assign(new JournalPageType(), {
      ...page,
      scale: group.scale,
      averages: page.students.map((s) =>
        averageOf(
          keys(s.id),
          page.marks.filter((m) => m.studentId === s.id),
        ),
      ),
      schoolId: group.schoolId,
      groupId,
      classId: group.classId,
    });
  }

  @Query(() => MarkType, {
    description:
      "One mark, retracted ones included, for whoever may see the student's record: the journal's mark dialog reads its history here (the grid leaves it out)",
  })
  async mark(@IdArg('id') id: string, @Ctx() ctx: Context): Promise<MarkType> {
    const mark = await ctx.em.findOne(Mark, id, { populate: ['group', 'lesson'] });
    const found = mark && MarkType.from(mark, mark.group.schoolClass?.id ?? null);
    if (!found || !canSeeStudentRecord(ctx.viewer, found)) throw notFound('No such mark.');
    return found;
  }

  @Query(() => DiaryWeekType, { description: "A student's week: timetable, topics, homework, marks, absences, remarks" })
  async diary(@IdArg('studentId') studentId: string, @DateArg('weekOf') weekOf: string, @Ctx() ctx: Context): Promise<DiaryWeekType> {
    const student = await keptStudent(ctx, studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const weekStart = mondayOf(weekOf);
    const [, week] = await Promise.all([
      // R-A8: the class teacher sees which parents open the diary. Its own statement, written while the week is read.
      recordDiaryVisit(ctx.em, viewerOf(ctx), { studentId, now: ctx.clock() }),
      readDiaryWeek(ctx.em, ctx.loaders, ctx.screens, { studentId, classId: student.classId, weekStart, weekEnd: addDays(weekStart, 5) }),
    ]);
    return Object.assign(new DiaryWeekType(), { student, weekStart, ...week, schoolId: student.schoolId, studentId });
  }

  @Query(() => [SubjectTermType], { description: "A student's period: each subject's marks, averages and period mark" })
  async studentTerm(@IdArg('studentId') studentId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<SubjectTermType[]> {
    const student = await keptStudent(ctx, studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const subjects = await readStudentTerm(ctx.em, ctx.loaders, ctx.screens, { studentId, periodId, classId: student.classId }, (period) => {
      if (!period || period.schoolId !== student.schoolId) throw badInput('PERIOD_NOT_OF_YEAR', "No such period in the student's school.", 'periodId');
    });
    return subjects.map(({ group, marks, periodMark }) => {
      const keys = { schoolId: student.schoolId, studentId, groupId: group.id, classId: student.classId };
      return Object.assign(new SubjectTermType(), { group, marks, average: averageOf(keys, marks), periodMark, ...keys });
    });
  }

  @Query(() => [MarksNeededType], { description: '"What do I need": for a target period mark, how many more 5s (or 4s…) it takes' })
  async marksNeeded(
    @IdArg('studentId') studentId: string,
    @IdArg('groupId') groupId: string,
    @IdArg('periodId') periodId: string,
    @IntArg('target', { min: 3, max: 5 }) target: number,
    @IdArg('workTypeId', { nullable: true }) workTypeId: string | null,
    @Ctx() ctx: Context,
  ): Promise<MarksNeededType[]> {
    if (![3, 4, 5].includes(target)) throw badInput('OUT_OF_RANGE', 'The target is a period mark: 3, 4 or 5.', 'target');
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const marks = await ctx.em.find(Mark, { student: studentId, group: groupId, period: periodId, ...COUNTED_MARKS });
    const weight = workTypeId ? ((await ctx.loaders.workTypeById.load(workTypeId))?.weight ?? 1) : 1;
    const current = marks.filter((m) => m.points != null).map((m) => ({ points: m.points!, weight: m.weight }));
    const keys = { schoolId: student.schoolId, studentId, groupId, classId: student.classId };
    return [5, 4, 3]
      .filter((value) => value >= target)
      .map((value) => Object.assign(new MarksNeededType(), { target, value, count: marksNeeded(current, target, value, weight), ...keys }));
  }

  @Mutation(() => LessonType, { description: 'Sets the topic and homework of a lesson (R-J1)' })
  async setLessonContent(@Arg('input', () => SetLessonContentInput) input: SetLessonContentInput, @Ctx() ctx: Context) {
    return this.service.setLessonContent(ctx.em, viewerOf(ctx), input);
  }

  @Mutation(() => MarkType, { description: 'Puts a mark in the column of a lesson (R-J4)' })
  async putMark(@Arg('input', () => PutMarkInput) input: PutMarkInput, @Ctx() ctx: Context) {
    return this.service.putMark(ctx.em, viewerOf(ctx), input);
  }

  @Mutation(() => MarkType, { description: 'Changes a mark, with a reason the parent sees (R-J5)' })
  async changeMark(@Arg('input', () => ChangeMarkInput) input: ChangeMarkInput, @Ctx() ctx: Context) {
    return this.service.changeMark(ctx.em, viewerOf(ctx), input);
  }

  @Mutation(() => MarkType, { description: 'Retracts a mark: it stays in the history with the reason' })
  async retractMark(
    @IdArg('markId') markId: string,
    @IntArg('version', VERSION) version: number,
    @TextArg('reason', { min: 3, max: TEXT.line }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return this.service.retractMark(ctx.em, viewerOf(ctx), markId, version, reason);
  }

  @Mutation(() => AttendanceType, { description: 'Marks a student absent (Б, У, Н) or late at a lesson, or corrects it (R-J3)' })
  async setAttendance(@Arg('input', () => SetAttendanceInput) input: SetAttendanceInput, @Ctx() ctx: Context) {
    return this.service.setAttendance(ctx.em, viewerOf(ctx), input);
  }

  @Mutation(() => FinalMarkType, { description: 'Gives a period, annual, exam or final mark, ОСВ or Н/А, or postpones attestation (R-J6)' })
  async setFinalMark(@Arg('input', () => SetFinalMarkInput) input: SetFinalMarkInput, @Ctx() ctx: Context) {
    const f = await this.service.setFinalMark(ctx.em, viewerOf(ctx), input);
    return FinalMarkType.from(f, f.group.schoolClass?.id ?? null);
  }

  @Mutation(() => FinalMarkType, { description: 'A parent confirms they saw a period or final mark (R-D4)' })
  async acknowledgeFinalMark(@IdArg('finalMarkId') finalMarkId: string, @Ctx() ctx: Context) {
    const f = await this.service.acknowledgeFinalMark(ctx.em, viewerOf(ctx), finalMarkId);
    const group = await ctx.loaders.groupById.load(f.group.id);
    return FinalMarkType.from(f, group?.classId ?? null);
  }

  @Mutation(() => RemarkType, { description: 'A remark, praise or note to parents at a lesson (R-J8)' })
  async addRemark(@Arg('input', () => AddRemarkInput) input: AddRemarkInput, @Ctx() ctx: Context) {
    return this.service.addRemark(ctx.em, viewerOf(ctx), input);
  }

  @FieldResolver(() => WorkTypeType)
  workType(@Root() mark: MarkType, @Ctx() ctx: Context) {
    return ctx.loaders.workTypeById.load(mark.workTypeId);
  }

  @FieldResolver(() => SubjectType)
  subject(@Root() mark: MarkType, @Ctx() ctx: Context) {
    return ctx.loaders.subjectById.load(mark.subjectId);
  }

  @FieldResolver(() => [MarkChangeType], { description: 'Every change of the mark: old, new, author, time, reason (R-J5)' })
  async history(@Root() mark: MarkType, @Ctx() ctx: Context) {
    return (await ctx.loaders.changesByMark.load(mark.id)).map((c) => MarkChangeType.from(c, mark));
  }
}

@Resolver(() => MarkChangeType)
export class MarkChangeResolver {
  @FieldResolver(() => StaffMemberType, { nullable: true })
  async author(@Root() change: MarkChangeType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(change.authorId);
    return user && StaffMemberType.from(user, change.schoolId);
  }
}

@Resolver(() => AttendanceType)
export class AttendanceResolver {
  @FieldResolver(() => [AttendanceChangeType], { description: 'Every change of the entry: old, new status, author, time, reason (R-J3)' })
  async history(@Root() attendance: AttendanceType, @Ctx() ctx: Context) {
    return (await ctx.loaders.changesByAttendance.load(attendance.id)).map((c) => AttendanceChangeType.from(c, attendance));
  }
}

@Resolver(() => AttendanceChangeType)
export class AttendanceChangeResolver {
  @FieldResolver(() => StaffMemberType, { nullable: true })
  async author(@Root() change: AttendanceChangeType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(change.authorId);
    return user && StaffMemberType.from(user, change.schoolId);
  }
}

@Resolver(() => RemarkType)
export class RemarkResolver {
  @FieldResolver(() => StaffMemberType, { nullable: true })
  async author(@Root() remark: RemarkType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(remark.authorId);
    return user && StaffMemberType.from(user, remark.schoolId);
  }
}

@Resolver(() => FinalMarkType)
export class FinalMarkResolver {
  @FieldResolver(() => SubjectType)
  subject(@Root() f: FinalMarkType, @Ctx() ctx: Context) {
    return ctx.loaders.subjectById.load(f.subjectId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may confirm having seen the mark (acknowledgeFinalMark, R-D4)' })
  canAcknowledge(@Root() f: FinalMarkType, @Ctx() ctx: Context): boolean {
    return mayAcknowledgeMark(ctx.viewer, f.studentId);
  }
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    JournalPage: JournalPageType;
    DiaryWeek: DiaryWeekType;
    SubjectTerm: SubjectTermType;
  }
}
