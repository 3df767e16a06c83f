import { Ctx, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { DateArg } from '../../kernel/input-fields.js';
import { Lesson } from './timetable.entity.js';
import { LessonType } from './timetable.types.js';

/**
 * The teacher's «сегодня» (issue 17): the lessons the viewer gives on a day, in timetable order. A
 * lesson another teacher was approved to substitute is theirs, not the timetable teacher's; a lesson
 * the viewer substitutes is included (also while the request awaits approval, marked as such).
 */
@Resolver()
export class TeacherDayResolver {
  @Query(() => [LessonType], { description: 'The lessons the viewer gives on a day (substitutions included), in timetable order' })
  async teacherDay(@DateArg('on') on: string, @Ctx() ctx: Context): Promise<LessonType[]> {
    const me = viewerOf(ctx).userId;
    const rows = await ctx.em.find(
      Lesson,
      { date: on, $or: [{ teacher: me, $or: [{ substitute: null }, { substitutionApprovedAt: null }] }, { substitute: me }] },
      { orderBy: { lessonNumber: 'asc', group: { name: 'asc' } } },
    );
    return rows.map(LessonType.from);
  }
}
