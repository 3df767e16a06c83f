import { DateArg, IdArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { ensureDiaryAccess } from '../../policy/policy.js';
import { addDays, mondayOf } from '../../kernel/dates.js';
import { StaffMemberType, StudyGroupType, SubjectType } from '../school/index.js';
import { Lesson } from './timetable.entity.js';
import { lessonsOfStudent, TimetableService } from './timetable.service.js';
import { AddLessonInput, LessonType, RecordSubstitutionInput, SetTimetableSlotInput, TimetableSlotType } from './timetable.types.js';

@Resolver(() => LessonType)
export class TimetableResolver {
  constructor(private readonly service: TimetableService) {}

  @Query(() => [TimetableSlotType], { description: "A group's weekly timetable in a period" })
  timetable(@IdArg('groupId') groupId: string, @IdArg('periodId') periodId: string, @Ctx() ctx: Context) {
    return ctx.loaders.slotsByPeriodGroup.load(`${periodId}/${groupId}`);
  }

  @Query(() => [LessonType], { description: 'Lessons of a group between two dates' })
  async lessons(@IdArg('groupId') groupId: string, @DateArg('from') from: string, @DateArg('to') to: string, @Ctx() ctx: Context): Promise<LessonType[]> {
    const rows = await ctx.em.find(Lesson, { group: groupId, date: { $gte: from, $lte: to } }, { orderBy: { date: 'asc', lessonNumber: 'asc' } });
    return rows.map(LessonType.from);
  }

  @Query(() => [LessonType], { description: "A student's lessons in the week containing `weekOf` (Monday to Saturday)" })
  async studentWeek(@IdArg('studentId') studentId: string, @DateArg('weekOf') weekOf: string, @Ctx() ctx: Context): Promise<LessonType[]> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const monday = mondayOf(weekOf);
    return (await lessonsOfStudent(ctx.em, studentId, monday, addDays(monday, 5))).map(LessonType.from);
  }

  @Mutation(() => TimetableSlotType, { description: 'Puts a group into the weekly timetable of a period' })
  async setTimetableSlot(@Arg('input', () => SetTimetableSlotInput) input: SetTimetableSlotInput, @Ctx() ctx: Context) {
    return TimetableSlotType.from(await this.service.setSlot(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => Boolean)
  removeTimetableSlot(@IdArg('slotId') slotId: string, @Ctx() ctx: Context) {
    return this.service.removeSlot(ctx.em, viewerOf(ctx), slotId);
  }

  @Mutation(() => Int, { description: 'Creates the dated lessons of a period from its timetable, skipping holidays; returns how many were new' })
  generateLessons(@IdArg('periodId') periodId: string, @Ctx() ctx: Context) {
    return this.service.generateLessons(ctx.em, viewerOf(ctx), periodId);
  }

  @Mutation(() => LessonType, { description: 'An extra or moved lesson outside the weekly timetable' })
  async addLesson(@Arg('input', () => AddLessonInput) input: AddLessonInput, @Ctx() ctx: Context) {
    return LessonType.from(await this.service.addLesson(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => LessonType, { description: 'Records that another teacher gave the lesson (R-O4)' })
  async recordSubstitution(@Arg('input', () => RecordSubstitutionInput) input: RecordSubstitutionInput, @Ctx() ctx: Context) {
    return LessonType.from(await this.service.recordSubstitution(ctx.em, viewerOf(ctx), input));
  }

  @Mutation(() => LessonType, { description: "Approves a teacher's request to substitute at a lesson: only then do they keep its journal" })
  async approveSubstitution(@IdArg('lessonId') lessonId: string, @Ctx() ctx: Context) {
    return LessonType.from(await this.service.approveSubstitution(ctx.em, viewerOf(ctx), lessonId));
  }

  @Query(() => [LessonType], { description: 'Substitutions teachers asked for that wait for approval, in a school the viewer administers' })
  async substitutionRequests(@IdArg('schoolId') schoolId: string, @Ctx() ctx: Context): Promise<LessonType[]> {
    return (await this.service.substitutionRequests(ctx.em, viewerOf(ctx), schoolId)).map(LessonType.from);
  }

  @FieldResolver(() => StudyGroupType)
  group(@Root() lesson: LessonType, @Ctx() ctx: Context) {
    return ctx.loaders.groupById.load(lesson.groupId);
  }

  @FieldResolver(() => SubjectType)
  async subject(@Root() lesson: LessonType, @Ctx() ctx: Context) {
    const group = await ctx.loaders.groupById.load(lesson.groupId);
    return group && ctx.loaders.subjectById.load(group.subjectId);
  }

  @FieldResolver(() => StaffMemberType, { description: 'The teacher of the timetable' })
  async teacher(@Root() lesson: LessonType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(lesson.teacherId);
    return user && StaffMemberType.from(user, lesson.schoolId);
  }

  @FieldResolver(() => StaffMemberType, { nullable: true, description: 'Who gave the lesson instead, if anyone' })
  async substitute(@Root() lesson: LessonType, @Ctx() ctx: Context) {
    const user = lesson.substituteId ? await ctx.loaders.userById.load(lesson.substituteId) : null;
    return user && StaffMemberType.from(user, lesson.schoolId);
  }
}

@Resolver(() => TimetableSlotType)
export class TimetableSlotResolver {
  @FieldResolver(() => StudyGroupType)
  group(@Root() slot: TimetableSlotType, @Ctx() ctx: Context) {
    return ctx.loaders.groupById.load(slot.groupId);
  }

  @FieldResolver(() => StaffMemberType)
  async teacher(@Root() slot: TimetableSlotType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(slot.teacherId);
    return user && StaffMemberType.from(user, slot.schoolId);
  }
}
