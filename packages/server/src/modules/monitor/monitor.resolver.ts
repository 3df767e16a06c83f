import { Ctx, Query, Resolver } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { DateArg, IdArg } from '../../kernel/input-fields.js';
import { classRecords } from './monitor.service.js';
import { ClassRecordsType } from './monitor.types.js';

@Resolver()
export class MonitorResolver {
  @Query(() => ClassRecordsType, {
    description: "R-A4: a class's day for the live monitor: its lessons, every mark entered and every absence (default: the school's today)",
  })
  classDay(@IdArg('classId') classId: string, @DateArg('date', { nullable: true }) date: string | null, @Ctx() ctx: Context): Promise<ClassRecordsType> {
    return classRecords(ctx.em, ctx.screens, viewerOf(ctx), { classId, from: date, to: date, withMarks: true }, ctx.clock());
  }

  @Query(() => ClassRecordsType, {
    description: 'The absence register a class teacher keeps: every absence and lateness of the class between two dates (marks empty)',
  })
  absenceRegister(@IdArg('classId') classId: string, @DateArg('from') from: string, @DateArg('to') to: string, @Ctx() ctx: Context): Promise<ClassRecordsType> {
    return classRecords(ctx.em, ctx.screens, viewerOf(ctx), { classId, from, to, withMarks: false }, ctx.clock());
  }
}
