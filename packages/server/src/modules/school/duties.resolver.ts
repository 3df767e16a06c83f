import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { notFound } from '../../kernel/errors.js';
import { DateArg, DateField, IdArg, IdField, TEXT, TextField } from '../../kernel/input-fields.js';
import { canAdministerSchool, isStaffOf } from '../../policy/policy.js';
import { StaffMemberType } from './person.types.js';
import { DutyKind } from './duties.entity.js';
import { dutiesOf, recordDutyDone, type Duty } from './duties.js';

registerEnumType(DutyKind, { name: 'DutyKind' });

@ObjectType('Duty', { description: 'Issue 18: a duty of keeping the journal with its due date, and whether and when it was done' })
export class DutyType {
  @Field(() => DutyKind) kind!: DutyKind;
  @Field(() => ID, { nullable: true, description: 'The class; null for the monthly report' }) classId!: string | null;
  @Field(() => String, { nullable: true }) className!: string | null;
  @Field(() => LocalDateResolver) dueOn!: string;
  @Field(() => DateTimeISOResolver, { nullable: true }) doneAt!: Date | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Boolean, { description: 'Due before today and not done' }) overdue!: boolean;
  @Field(() => Boolean, { description: 'Recorded done by the system, not a person (parents informed: every family of the class got the report)' })
  doneBySystem!: boolean;
  @Field(() => String, {
    nullable: true,
    description: "The duty's printout (GET with the session token): the families' progress reports on paper, the preliminary period report",
  })
  outputUrl!: string | null;
  doneById!: string | null;
  schoolId!: string;

  static from(d: Duty): DutyType {
    return Object.assign(new DutyType(), {
      kind: d.kind,
      classId: d.classId,
      className: d.className,
      dueOn: d.dueOn,
      doneAt: d.done?.doneAt ?? null,
      note: d.done?.note ?? null,
      overdue: d.overdue,
      doneBySystem: !!d.done && !d.done.doneBy,
      outputUrl: d.outputUrl,
      doneById: d.done?.doneBy?.id ?? null,
      schoolId: d.schoolId,
    });
  }
}

@InputType()
export class RecordDutyDoneInput {
  @IdField() schoolId!: string;
  @Field(() => DutyKind) kind!: DutyKind;
  @IdField({ nullable: true, description: "The class of a class teacher's duty; none for the monthly report" }) classId?: string;
  @DateField() dueOn!: string;
  @TextField({ max: TEXT.line, nullable: true }) note?: string;
}

@Resolver(() => DutyType)
export class DutiesResolver {
  @Query(() => [DutyType], { description: "Duties due in a range: the administration's all, a class teacher's own classes'" })
  async duties(@IdArg('schoolId') schoolId: string, @DateArg('from') from: string, @DateArg('to') to: string, @Ctx() ctx: Context): Promise<DutyType[]> {
    if (!isStaffOf(ctx.viewer, schoolId)) throw notFound('No such school.');
    const list = await dutiesOf(ctx.em, viewerOf(ctx), schoolId, from, to, ctx.clock(), canAdministerSchool(ctx.viewer, schoolId));
    return list.map(DutyType.from);
  }

  @Mutation(() => DutyType, { description: 'Records a duty done (the class teacher for their class; the administration for the monthly report)' })
  async recordDutyDone(@Arg('input', () => RecordDutyDoneInput) input: RecordDutyDoneInput, @Ctx() ctx: Context): Promise<DutyType> {
    return DutyType.from(await recordDutyDone(ctx.em, viewerOf(ctx), input, ctx.clock()));
  }

  @FieldResolver(() => StaffMemberType, { nullable: true })
  async doneBy(@Root() duty: DutyType, @Ctx() ctx: Context) {
    const user = duty.doneById ? await ctx.loaders.userById.load(duty.doneById) : null;
    return user && StaffMemberType.from(user, duty.schoolId);
  }
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    Duty: DutyType;
  }
}
