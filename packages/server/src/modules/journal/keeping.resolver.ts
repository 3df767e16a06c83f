import { IdArg, IntArg, TEXT, TextArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { ensureDiaryAccess } from '../../policy/policy.js';
import { fullName, StaffMemberType } from '../school/index.js';
import { IntendedMarkNotice, JournalRemark } from './keeping.entity.js';
import { KeepingService } from './keeping.service.js';
import { IntendedMarkNoticeType, JournalRemarkType, NoticeProblemType, PlanTopicType, SetThematicPlanInput, ThematicPlanType } from './keeping.types.js';

@Resolver(() => JournalRemarkType)
export class KeepingResolver {
  constructor(private readonly service: KeepingService) {}

  @Query(() => ThematicPlanType, { description: "A group's calendar-thematic plan against the curriculum and the lessons given (R-J2)" })
  async thematicPlan(@IdArg('groupId') groupId: string, @Ctx() ctx: Context): Promise<ThematicPlanType> {
    const { group, summary } = await this.service.thematicPlan(ctx.em, viewerOf(ctx), groupId);
    const planned = summary.topics.reduce((sum, t) => sum + t.topic.hours, 0);
    const covered = summary.topics.reduce((sum, t) => sum + Math.min(t.topic.hours, t.lessonsGiven), 0);
    return Object.assign(new ThematicPlanType(), {
      topics: summary.topics.map((t) => PlanTopicType.from(t.topic, t.lessonsGiven)),
      plannedHours: summary.plannedHours,
      curriculumHours: summary.curriculumHours,
      matchesCurriculum: summary.curriculumHours !== null && summary.curriculumHours === summary.plannedHours,
      lessonsGiven: summary.lessonsGiven,
      lessonsWithoutTopic: summary.lessonsWithoutTopic,
      hoursBehind: Math.max(0, Math.min(planned, summary.lessonsGiven) - covered),
      schoolId: group.school.id,
      groupId: group.id,
      classId: group.schoolClass?.id ?? null,
    });
  }

  @Query(() => [JournalRemarkType], { description: "Deputies' remarks on a group's journal, open ones first (R-J9)" })
  async journalRemarks(@IdArg('groupId') groupId: string, @Ctx() ctx: Context): Promise<JournalRemarkType[]> {
    const group = await ctx.loaders.groupById.load(groupId);
    if (!group) throw notFound('No such group.');
    const rows = await ctx.em.find(JournalRemark, { group: groupId }, { orderBy: { resolvedAt: 'desc nulls first', createdAt: 'desc' } });
    return rows.map((r) => JournalRemarkType.from(r, group.classId));
  }

  @Query(() => [IntendedMarkNoticeType], { description: 'Notices to parents of period marks below the average (R-J7)' })
  async intendedMarkNotices(@IdArg('studentId') studentId: string, @Ctx() ctx: Context): Promise<IntendedMarkNoticeType[]> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const rows = await ctx.em.find(IntendedMarkNotice, { student: studentId }, { populate: ['group.subject'], orderBy: { createdAt: 'desc' } });
    return rows.map((n) => IntendedMarkNoticeType.from(n, student.classId));
  }

  @Query(() => [NoticeProblemType], { description: 'Period marks below the average without a timely notice to parents (R-J7)' })
  async noticeProblems(@IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<NoticeProblemType[]> {
    const problems = await this.service.noticeProblems(ctx.em, viewerOf(ctx), periodId);
    return problems.map(({ final, average, late }) =>
      Object.assign(new NoticeProblemType(), {
        groupName: final.group.name,
        studentName: fullName(final.student),
        average,
        periodMark: final.value,
        late,
        schoolId: final.school.id,
        studentId: final.student.id,
        groupId: final.group.id,
        classId: final.group.schoolClass?.id ?? null,
      }),
    );
  }

  @Mutation(() => ThematicPlanType, { description: "Replaces the topics of a group's thematic plan, in order" })
  async setThematicPlan(@Arg('input', () => SetThematicPlanInput) input: SetThematicPlanInput, @Ctx() ctx: Context) {
    await this.service.setThematicPlan(ctx.em, viewerOf(ctx), input);
    return this.thematicPlan(input.groupId, ctx);
  }

  @Mutation(() => JournalRemarkType, { description: 'A deputy director remarks on how a journal is kept' })
  async remarkOnJournal(@IdArg('groupId') groupId: string, @TextArg('text', { max: TEXT.remark, multiline: true }) text: string, @Ctx() ctx: Context) {
    const remark = await this.service.remarkOnJournal(ctx.em, viewerOf(ctx), groupId, text);
    return JournalRemarkType.from(remark, remark.group.schoolClass?.id ?? null);
  }

  @Mutation(() => JournalRemarkType, { description: 'The teacher says how the remark was dealt with' })
  async resolveJournalRemark(
    @IdArg('remarkId') remarkId: string,
    @TextArg('resolution', { max: TEXT.remark, multiline: true }) resolution: string,
    @Ctx() ctx: Context,
  ) {
    const remark = await this.service.resolveJournalRemark(ctx.em, viewerOf(ctx), remarkId, resolution);
    return JournalRemarkType.from(remark, remark.group.schoolClass?.id ?? null);
  }

  @Mutation(() => IntendedMarkNoticeType, { description: 'Tells parents the period mark will be below the average, and why (R-J7)' })
  async announceIntendedMark(
    @IdArg('groupId') groupId: string,
    @IdArg('studentId') studentId: string,
    @IdArg('periodId') periodId: string,
    @IntArg('intendedMark', { min: 1, max: 5 }) intendedMark: number,
    @TextArg('reason', { max: TEXT.remark, multiline: true }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return this.service.announceIntendedMark(ctx.em, viewerOf(ctx), { groupId, studentId, periodId, intendedMark, reason });
  }

  @FieldResolver(() => StaffMemberType, { nullable: true })
  async author(@Root() remark: JournalRemarkType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(remark.authorId);
    return user && StaffMemberType.from(user, remark.schoolId);
  }
}
