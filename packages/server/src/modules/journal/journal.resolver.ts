import { DateArg, IdArg, IntArg, TEXT, TextArg, VERSION } from '../../graphql/input-fields.js';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { canReadJournal, ensureDiaryAccess } from '../../policy/policy.js';
import { addDays, mondayOf } from '../../shared/dates.js';
import { recordDiaryVisit } from '../people/consent.service.js';
import { StaffMemberType, StudentType } from '../people/people.types.js';
import { ReportingPeriodType, StudyGroupType, SubjectType } from '../school/school.types.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { lessonsOfStudent } from '../timetable/timetable.service.js';
import { LessonType } from '../timetable/timetable.types.js';
import { GradingScale, marksNeeded, summarizeMarks } from './grading.js';
import { Attendance, COUNTED_MARKS, FinalMark, Mark, Remark } from './journal.entity.js';
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

/**
 * The marks of a journal page, read straight into the API type: hydrating thousands of them as entities
 * (identity map, a reference per foreign key) was half the CPU time of a page with ten times the lessons
 * (bench P3). The columns are named as the properties `MarkType.from` sets: keep the two in step.
 */
const PAGE_MARKS_SQL = `
select m.id, m.value, m.weight, m.comment, m.entered_at as "enteredAt", m.backdated, false as retracted, null as "retractedAt", m.flagged_at is not null as flagged, m.version,
       l.date::text as date, m.lesson_id as "lessonId", m.work_type_id as "workTypeId", m.subject_id as "subjectId",
       m.points, m.school_id as "schoolId", m.student_id as "studentId", m.group_id as "groupId"
  from mark m join lesson l on l.id = m.lesson_id
 where m.group_id = ? and m.period_id = ? and m.retracted_at is null
 order by m.entered_at`;
/** The ORM's connection returns timestamps as text; they become Dates the way the ORM makes them. */
type PageMarkRow = Omit<MarkType, 'classId' | 'enteredAt'> & { enteredAt: string };

@Resolver(() => MarkType)
export class JournalResolver {
  constructor(private readonly service: JournalService) {}

  @Query(() => JournalPageType, { description: 'The journal grid of a group in a period; its teacher, class teacher and administration' })
  async journal(@IdArg('groupId') groupId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<JournalPageType> {
    // Every read waits for one round trip at most: the group and period together, then the rest together.
    const [group, period] = await Promise.all([ctx.loaders.groupById.load(groupId), ctx.loaders.periodById.load(periodId)]);
    if (!group || !canReadJournal(ctx.viewer, group)) throw notFound('No such group.');
    if (!period || period.yearId !== group.yearId) throw badInput("The period is not a period of the group's year.", 'periodId');
    const em = ctx.em;
    const [lessons, students, marks, attendance, finalMarks, workTypes] = await Promise.all([
      em.find(Lesson, { group: groupId, period: periodId }, { orderBy: { date: 'asc', lessonNumber: 'asc' } }),
      ctx.loaders.studentsByGroup.load(groupId),
      em.getConnection().execute<PageMarkRow[]>(PAGE_MARKS_SQL, [groupId, periodId]),
      em.find(Attendance, { lesson: { group: groupId, period: periodId } }),
      em.find(FinalMark, { group: groupId, $or: [{ period: periodId }, { period: null }] }),
      ctx.loaders.workTypesBySchool.load(group.schoolId),
    ]);
    const markTypes = marks.map((row) => Object.assign(new MarkType(), row, { enteredAt: new Date(row.enteredAt), classId: group.classId }));
    const keys = (studentId: string) => ({ schoolId: group.schoolId, studentId, groupId, classId: group.classId });
    return Object.assign(new JournalPageType(), {
      group,
      period,
      scale: group.scale,
      lessons: lessons.map(LessonType.from),
      students,
      marks: markTypes,
      attendance: attendance.map((a) => AttendanceType.from(a, groupId, group.classId)),
      finalMarks: finalMarks.map((f) => FinalMarkType.from(f, group.classId)),
      averages: students.map((s) => averageOf(keys(s.id), markTypes.filter((m) => m.studentId === s.id))),
      workTypes,
      schoolId: group.schoolId,
      groupId,
      classId: group.classId,
    });
  }

  @Query(() => DiaryWeekType, { description: "A student's week: timetable, topics, homework, marks, absences, remarks" })
  async diary(@IdArg('studentId') studentId: string, @DateArg('weekOf') weekOf: string, @Ctx() ctx: Context): Promise<DiaryWeekType> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const weekStart = mondayOf(weekOf);
    const [, lessons] = await Promise.all([
      // R-A8: the class teacher sees which parents open the diary. Its own statement, written while the week is read.
      recordDiaryVisit(ctx.em, viewerOf(ctx), { studentId, now: ctx.clock() }),
      lessonsOfStudent(ctx.em, studentId, weekStart, addDays(weekStart, 5)),
    ]);
    const lessonIds = lessons.map((l) => l.id);
    const [marks, attendance, remarks] = await Promise.all([
      ctx.em.find(Mark, { student: studentId, lesson: { $in: lessonIds } }, { orderBy: { enteredAt: 'asc' } }),
      ctx.em.find(Attendance, { student: studentId, lesson: { $in: lessonIds } }),
      ctx.em.find(Remark, { student: studentId, lesson: { $in: lessonIds } }, { orderBy: { at: 'asc' } }),
    ]);
    const groupOf = new Map(lessons.map((l) => [l.id, l.group.id]));
    return Object.assign(new DiaryWeekType(), {
      student,
      weekStart,
      lessons: lessons.map(LessonType.from),
      marks: marks.map((m) => MarkType.from(m, student.classId)),
      attendance: attendance.map((a) => AttendanceType.from(a, groupOf.get(a.lesson.id)!, student.classId)),
      remarks: remarks.map((r) => RemarkType.from(r, groupOf.get(r.lesson.id)!, student.classId)),
      schoolId: student.schoolId,
      studentId,
    });
  }

  @Query(() => [SubjectTermType], { description: "A student's period: each subject's marks, averages and period mark" })
  async studentTerm(@IdArg('studentId') studentId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<SubjectTermType[]> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const period = await ctx.loaders.periodById.load(periodId);
    if (!period || period.schoolId !== student.schoolId) throw badInput('No such period in the student\'s school.', 'periodId');
    const [lessons, marks, finals] = await Promise.all([
      lessonsOfStudent(ctx.em, studentId, period.startsOn, period.endsOn),
      ctx.em.find(Mark, { student: studentId, period: periodId }, { orderBy: { enteredAt: 'asc' } }),
      ctx.em.find(FinalMark, { student: studentId, period: periodId }),
    ]);
    const groupIds = [...new Set([...lessons.map((l) => l.group.id), ...marks.map((m) => m.group.id)])];
    const groups = (await ctx.loaders.groupById.loadMany(groupIds)).filter((g): g is StudyGroupType => g instanceof StudyGroupType);
    return groups.map((group) => {
      const keys = { schoolId: student.schoolId, studentId, groupId: group.id, classId: student.classId };
      const own = marks.filter((m) => m.group.id === group.id).map((m) => MarkType.from(m, student.classId));
      const final = finals.find((f) => f.group.id === group.id);
      return Object.assign(new SubjectTermType(), {
        group,
        marks: own,
        average: averageOf(keys, own),
        periodMark: final ? FinalMarkType.from(final, student.classId) : null,
        ...keys,
      });
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
    if (![3, 4, 5].includes(target)) throw badInput('The target is a period mark: 3, 4 or 5.', 'target');
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
    return LessonType.from(await this.service.setLessonContent(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => MarkType, { description: 'Puts a mark in the column of a lesson (R-J4)' })
  async putMark(@Arg('input', () => PutMarkInput) input: PutMarkInput, @Ctx() ctx: Context) {
    const mark = await this.service.putMark(ctx.em, viewerOf(ctx), input);
    return MarkType.from(mark, mark.group.schoolClass?.id ?? null);
  }

  @Mutation(() => MarkType, { description: 'Changes a mark, with a reason the parent sees (R-J5)' })
  async changeMark(@Arg('input', () => ChangeMarkInput) input: ChangeMarkInput, @Ctx() ctx: Context) {
    const mark = await this.service.changeMark(ctx.em, viewerOf(ctx), input);
    return MarkType.from(mark, mark.group.schoolClass?.id ?? null);
  }

  @Mutation(() => MarkType, { description: 'Retracts a mark: it stays in the history with the reason' })
  async retractMark(
    @IdArg('markId') markId: string,
    @IntArg('version', VERSION) version: number,
    @TextArg('reason', { min: 3, max: TEXT.line }) reason: string,
    @Ctx() ctx: Context,
  ) {
    const mark = await this.service.retractMark(ctx.em, viewerOf(ctx), markId, version, reason);
    return MarkType.from(mark, mark.group.schoolClass?.id ?? null);
  }

  @Mutation(() => AttendanceType, { description: 'Marks a student absent (Б, У, Н) or late at a lesson, or corrects it (R-J3)' })
  async setAttendance(@Arg('input', () => SetAttendanceInput) input: SetAttendanceInput, @Ctx() ctx: Context) {
    const a = await this.service.setAttendance(ctx.em, viewerOf(ctx), input);
    return AttendanceType.from(a, a.lesson.group.id, a.lesson.group.schoolClass?.id ?? null);
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
    const r = await this.service.addRemark(ctx.em, viewerOf(ctx), input);
    return RemarkType.from(r, r.lesson.group.id, r.lesson.group.schoolClass?.id ?? null);
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
}
