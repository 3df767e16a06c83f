/**
 * Issue 18 in the API: the history of period and final marks, the administration's review of marks flagged
 * after a compromise report, late entries, and the groups that missed the period-mark deadline.
 */
import { DateTimeISOResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { IdArg, IntArg, TEXT, TextArg, VERSION } from '../../kernel/input-fields.js';
import { canAdministerSchool } from '../../policy/policy.js';
import { StaffMemberType, StudentType, ReportingPeriod, StudyGroupType, StudyGroup } from '../school/index.js';
import { periodMarkDueAt } from './deadlines.js';
import { flaggedMarks } from './flagged-marks.js';
import { JournalService } from './journal.service.js';
import { LateEntry } from './history.entity.js';
import { FinalMarkChangeType, LateEntryType } from './history.types.js';
import { FinalMark, FinalMarkKind } from './journal.entity.js';
import { FinalMarkType, MarkType } from './journal.types.js';
import { deadlineSettings } from './journal.writes.sql.js';

@ObjectType('MissedPeriodMarks', { description: 'Issue 18: a group whose period marks are not all given by the deadline, for the deputy director' })
export class MissedPeriodMarksType {
  @Field(() => StudyGroupType) group!: StudyGroupType;
  @Field(() => [StudentType], { description: 'Students of the group without a period mark' }) students!: StudentType[];
  @Field(() => DateTimeISOResolver) dueAt!: Date;
  schoolId!: string;
}

@Resolver(() => FinalMarkType)
export class FinalMarkHistoryResolver {
  @FieldResolver(() => [FinalMarkChangeType], { description: 'Every entry and change of the mark: old, new, author, time, reason (issue 18)' })
  async history(@Root() mark: FinalMarkType, @Ctx() ctx: Context) {
    return (await ctx.loaders.changesByFinalMark.load(mark.id)).map((c) => FinalMarkChangeType.from(c, mark));
  }
}

@Resolver(() => FinalMarkChangeType)
export class FinalMarkChangeResolver {
  @FieldResolver(() => StaffMemberType, { nullable: true })
  async author(@Root() change: FinalMarkChangeType, @Ctx() ctx: Context) {
    const user = await ctx.loaders.userById.load(change.authorId);
    return user && StaffMemberType.from(user, change.schoolId);
  }
}

@Resolver(() => LateEntryType)
export class DeadlinesResolver {
  constructor(private readonly journal: JournalService) {}

  @Query(() => [MarkType], { description: 'Marks made from accounts reported compromised, awaiting review; the administration' })
  async flaggedMarks(@IdArg('schoolId') schoolId: string, @Ctx() ctx: Context): Promise<MarkType[]> {
    if (!canAdministerSchool(ctx.viewer, schoolId)) throw notFound('No such school.');
    return (await flaggedMarks(ctx.em, schoolId)).map((m) => MarkType.from(m, m.group.schoolClass?.id ?? null));
  }

  @Mutation(() => MarkType, { description: 'The director or the journal administrator confirms a flagged mark (it counts again) or retracts it' })
  async reviewFlaggedMark(
    @IdArg('markId') markId: string,
    @IntArg('version', VERSION) version: number,
    @Arg('confirm', () => Boolean) confirm: boolean,
    @TextArg('reason', { min: 3, max: TEXT.line }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<MarkType> {
    return this.journal.reviewFlaggedMark(ctx.em, viewerOf(ctx), { markId, version, confirm, reason });
  }

  @Query(() => [LateEntryType], { description: 'Entries made after their deadline in a period, with reasons; the administration' })
  async lateEntries(@IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<LateEntryType[]> {
    const period = await ctx.em.findOne(ReportingPeriod, periodId);
    if (!period || !canAdministerSchool(ctx.viewer, period.school.id)) throw notFound('No such period.');
    return (await ctx.em.find(LateEntry, { period }, { orderBy: { at: 'asc' } })).map(LateEntryType.from);
  }

  @Query(() => [MissedPeriodMarksType], {
    description: 'Groups with lessons in the period whose period marks are missing once the deadline has passed (001 §3.6.4); the administration',
  })
  async missedPeriodMarks(@IdArg('periodId') periodId: string, @Ctx() ctx: Context): Promise<MissedPeriodMarksType[]> {
    const period = await ctx.em.findOne(ReportingPeriod, periodId, { populate: ['school'] });
    if (!period || !canAdministerSchool(ctx.viewer, period.school.id)) throw notFound('No such period.');
    const dueAt = periodMarkDueAt(await deadlineSettings(ctx.em, period.school.id), period, period.school.timezone);
    if (ctx.clock() <= dueAt) return [];
    const [held, marks] = await Promise.all([
      ctx.em.getConnection().execute<{ groupId: string }[]>('select distinct group_id as "groupId" from lesson where period_id = ?', [period.id]),
      ctx.em.find(FinalMark, { period, kind: FinalMarkKind.PERIOD }),
    ]);
    const groups = await ctx.em.find(StudyGroup, { id: { $in: held.map((r) => r.groupId) } }, { orderBy: { name: 'asc', subject: { name: 'asc' } } });
    const students = await ctx.loaders.studentsByGroup.loadMany(groups.map((g) => g.id));
    return groups.flatMap((group, i) => {
      const of = students[i];
      const missing = Array.isArray(of) ? of.filter((s) => !marks.some((m) => m.group.id === group.id && m.student.id === s.id)) : [];
      return missing.length
        ? [Object.assign(new MissedPeriodMarksType(), { group: StudyGroupType.from(group), students: missing, dueAt, schoolId: period.school.id })]
        : [];
    });
  }
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    MissedPeriodMarks: MissedPeriodMarksType;
  }
}
