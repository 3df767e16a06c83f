import { IdArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, viewerToday, type Context } from '../../policy/context.js';
import { endHomeSchooling, listHomeSchooling, startHomeSchooling } from './home-schooling.service.js';
import { EndHomeSchoolingInput, HomeSchoolingType, StartHomeSchoolingInput } from './home-schooling.types.js';

@Resolver(() => HomeSchoolingType)
export class HomeSchoolingResolver {
  @Query(() => [HomeSchoolingType], { description: "A pupil's periods of home schooling (ОВЗ), latest first" })
  homeSchooling(@IdArg('studentId') studentId: string, @Ctx() ctx: Context): Promise<HomeSchoolingType[]> {
    return listHomeSchooling(ctx.em, studentId, viewerToday(ctx));
  }

  @Mutation(() => HomeSchoolingType, { description: 'Issue 18: the pupil is taught at home from a day on; the journal leaves them out (paper journal)' })
  startHomeSchooling(@Arg('input', () => StartHomeSchoolingInput) input: StartHomeSchoolingInput, @Ctx() ctx: Context): Promise<HomeSchoolingType> {
    return startHomeSchooling(ctx.em, viewerOf(ctx), input, ctx.clock());
  }

  @Mutation(() => HomeSchoolingType, { description: 'Ends home schooling on its last day; the pupil is back in the journal from the next' })
  endHomeSchooling(@Arg('input', () => EndHomeSchoolingInput) input: EndHomeSchoolingInput, @Ctx() ctx: Context): Promise<HomeSchoolingType> {
    return endHomeSchooling(ctx.em, viewerOf(ctx), input, ctx.clock());
  }
}
