import { Ctx, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { IdArg } from '../../kernel/input-fields.js';
import { ensureDiaryAccess } from '../../policy/policy.js';
import { recordDiaryVisit } from '../people/index.js';
import { FinalMark, FinalMarkKind } from './journal.entity.js';
import { FinalMarkType } from './journal.types.js';

/** The order of a year's results in the diary: the periods first, then the year, the exam, the final. */
const KIND_ORDER: Record<FinalMarkKind, number> = { PERIOD: 0, ANNUAL: 1, EXAM: 2, FINAL: 3 };

@Resolver()
export class YearMarksResolver {
  @Query(() => [FinalMarkType], {
    description: "R-D2, R-D4: a student's period, annual, exam and final marks of a school year (the diary's year results)",
  })
  async studentYearMarks(@IdArg('studentId') studentId: string, @IdArg('yearId') yearId: string, @Ctx() ctx: Context): Promise<FinalMarkType[]> {
    const student = await ctx.loaders.studentById.load(studentId);
    if (!student) throw notFound('No such student.');
    ensureDiaryAccess(ctx.viewer, student);
    const [, marks] = await Promise.all([
      recordDiaryVisit(ctx.em, viewerOf(ctx), { studentId, now: ctx.clock() }),
      ctx.em.find(FinalMark, { student: studentId, group: { year: yearId } }, { populate: ['period'] }),
    ]);
    return marks
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.period?.number ?? 0) - (b.period?.number ?? 0))
      .map((m) => FinalMarkType.from(m, student.classId));
  }
}
