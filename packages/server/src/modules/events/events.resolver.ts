import { DateTimeArg, IdArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { ensureDiaryAccess } from '../../policy/policy.js';
import { SubjectType } from '../school/index.js';
import { ExamEntry, ExamKind } from './events.entity.js';
import { EventsService } from './events.service.js';
import { CreateSchoolEventInput, ExamEntryType, ExamResultInput, SchoolEventType } from './events.types.js';

@Resolver(() => ExamEntryType)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => [SchoolEventType], { description: 'School and class events between two moments, as far as the viewer may see them' })
  async events(
    @IdArg('schoolId') schoolId: string,
    @DateTimeArg('from') from: Date,
    @DateTimeArg('to') to: Date,
    @Ctx() ctx: Context,
  ): Promise<SchoolEventType[]> {
    return (await this.service.eventsFor(ctx.em, viewerOf(ctx), schoolId, from, to)).map(SchoolEventType.from);
  }

  @Mutation(() => SchoolEventType, { description: 'A class event (class teacher) or a school event (administration)' })
  async createSchoolEvent(@Arg('input', () => CreateSchoolEventInput) input: CreateSchoolEventInput, @Ctx() ctx: Context) {
    return SchoolEventType.from(await this.service.createEvent(ctx.em, viewerOf(ctx), input));
  }

  @Query(() => [ExamEntryType], { description: "A student's state exam choices and results" })
  async exams(@IdArg('studentId') studentId: string, @Ctx() ctx: Context): Promise<ExamEntryType[]> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    return (await ctx.em.find(ExamEntry, { student: studentId }, { orderBy: { chosenAt: 'asc' } })).map((e) => ExamEntryType.from(e, student.classId));
  }

  @Mutation(() => ExamEntryType)
  async chooseExam(
    @IdArg('studentId') studentId: string,
    @IdArg('subjectId') subjectId: string,
    @Arg('kind', () => ExamKind) kind: ExamKind,
    @Ctx() ctx: Context,
  ) {
    return ExamEntryType.from(await this.service.chooseExam(ctx.em, viewerOf(ctx), studentId, subjectId, kind));
  }

  @Mutation(() => ExamEntryType, { description: 'Publishes an exam result to the diary (R-D5: within a day)' })
  async recordExamResult(@Arg('input', () => ExamResultInput) input: ExamResultInput, @Ctx() ctx: Context) {
    return ExamEntryType.from(await this.service.recordExamResult(ctx.em, viewerOf(ctx), input));
  }

  @FieldResolver(() => SubjectType)
  subject(@Root() exam: ExamEntryType, @Ctx() ctx: Context) {
    return ctx.loaders.subjectById.load(exam.subjectId);
  }
}
