import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { canAdministerSchool, ensure } from '../../policy/policy.js';
import { AcademicYearType } from './school.types.js';
import { commitTransition, planTransition, readYearFacts, type YearFacts } from './year-transition.service.js';
import { CommitYearTransitionInput, YearTransitionInput, YearTransitionResultType, YearTransitionType } from './year-transition.types.js';

const yearType = (y: { id: string; name: string; startsOn: string; endsOn: string; closed: boolean }, schoolId: string) =>
  Object.assign(new AcademicYearType(), { id: y.id, name: y.name, startsOn: y.startsOn, endsOn: y.endsOn, closed: y.closed, schoolId });

/** Issue 17: перевод учащихся в следующий учебный год, previewed and committed by the administration. */
@Resolver()
export class YearTransitionResolver {
  @Query(() => YearTransitionType, { description: 'The promotion of a year into the next, as it would be made now with these decisions' })
  async yearTransition(@Arg('input', () => YearTransitionInput) input: YearTransitionInput, @Ctx() ctx: Context): Promise<YearTransitionType> {
    const year: YearFacts | null = await readYearFacts(ctx.em, input.yearId);
    // A stranger to the school learns nothing of it; a member who may not administer it is refused.
    if (!year || !ctx.viewer?.schoolIds.has(year.schoolId)) throw notFound('No such academic year.');
    ensure(canAdministerSchool(viewerOf(ctx), year.schoolId));
    const plan = await planTransition(ctx.em, input, ctx.clock(), year);
    return Object.assign(new YearTransitionType(), {
      fromYear: yearType(year, year.schoolId),
      toYear: year.next ? yearType(year.next, year.schoolId) : null,
      problems: plan.problems,
      orderNumber: year.done?.orderNumber ?? null,
      orderDate: year.done?.orderDate ?? null,
      classes: plan.classes,
      schoolId: year.schoolId,
    });
  }

  @Mutation(() => YearTransitionResultType, {
    description: "Commits the promotion order: the next year's classes and whole-class groups, enrolments, a movement per pupil; once per year",
  })
  async commitYearTransition(
    @Arg('input', () => CommitYearTransitionInput) input: CommitYearTransitionInput,
    @Ctx() ctx: Context,
  ): Promise<YearTransitionResultType> {
    const { plan, result } = await commitTransition(ctx.em, viewerOf(ctx), input, ctx.clock());
    const { year } = plan;
    return Object.assign(new YearTransitionResultType(), {
      fromYear: yearType({ ...year, closed: year.closed || input.closeYear }, year.schoolId),
      toYear: yearType(year.next!, year.schoolId),
      classesCreated: result.classesCreated,
      groupsCreated: result.groupsCreated,
      promoted: result.counts.PROMOTE,
      promotedConditionally: result.counts.PROMOTE_CONDITIONALLY,
      repeating: result.counts.REPEAT,
      graduated: result.counts.GRADUATE,
      left: result.counts.LEAVE,
      schoolId: year.schoolId,
    });
  }
}
