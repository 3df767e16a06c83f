import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { IdArg } from '../../kernel/input-fields.js';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { canAdministerSchool } from '../../policy/policy.js';
import { DEFAULT_SETTINGS, updateSettings, type DeadlineSettings } from './settings.js';
import { SchoolSettings } from './settings.entity.js';
import { SchoolSettingsType, UpdateSchoolSettingsInput } from './settings.types.js';

@Resolver(() => SchoolSettingsType)
export class SchoolSettingsResolver {
  @Query(() => SchoolSettingsType, { description: "Issue 18: the school's deadlines and duties; its administration" })
  async schoolSettings(@IdArg('schoolId') schoolId: string, @Ctx() ctx: Context): Promise<SchoolSettingsType> {
    if (!canAdministerSchool(ctx.viewer, schoolId)) throw notFound('No such school.');
    const row = await ctx.em.findOne(SchoolSettings, { school: schoolId });
    return SchoolSettingsType.from(schoolId, row ?? DEFAULT_SETTINGS, row?.updatedAt ?? null);
  }

  @Mutation(() => SchoolSettingsType, { description: "Issue 18: changes the school's deadlines and duties (the administration)" })
  async updateSchoolSettings(
    @Arg('input', () => UpdateSchoolSettingsInput) input: UpdateSchoolSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<SchoolSettingsType> {
    const { schoolId, lessonEndTimes, ...rest } = input;
    const change: Partial<DeadlineSettings> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
    if (lessonEndTimes) change.lessonEndTimes = lessonEndTimes.split(',').map((t) => t.trim());
    const { settings, updatedAt } = await updateSettings(ctx.em, viewerOf(ctx), schoolId, change, ctx.clock());
    return SchoolSettingsType.from(schoolId, settings, updatedAt);
  }
}
