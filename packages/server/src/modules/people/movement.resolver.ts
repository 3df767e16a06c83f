import { IdArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { SchoolClassType, StudentType } from '../school/index.js';
import { listMovements, recordMovement } from './movement.service.js';
import { RecordMovementInput, StudentMovementType } from './movement.types.js';

@Resolver(() => StudentMovementType)
export class MovementResolver {
  @Query(() => [StudentMovementType], { description: 'Movements of a school, or of one student, latest first' })
  async movements(
    @IdArg('schoolId') schoolId: string,
    @IdArg('studentId', { nullable: true }) studentId: string | null,
    @Ctx() ctx: Context,
  ): Promise<StudentMovementType[]> {
    return (await listMovements(ctx.em, viewerOf(ctx), schoolId, studentId)).map(StudentMovementType.from);
  }

  @Mutation(() => StudentMovementType, { description: 'R-O7: records a movement by order and changes the enrolments accordingly' })
  async recordMovement(@Arg('input', () => RecordMovementInput) input: RecordMovementInput, @Ctx() ctx: Context): Promise<StudentMovementType> {
    return StudentMovementType.from(await recordMovement(ctx.em, viewerOf(ctx), input, ctx.clock()));
  }

  @FieldResolver(() => StudentType, { nullable: true })
  student(@Root() m: StudentMovementType, @Ctx() ctx: Context): Promise<StudentType | null> {
    return ctx.loaders.studentById.load(m.studentId);
  }

  @FieldResolver(() => SchoolClassType, { nullable: true })
  fromClass(@Root() m: StudentMovementType, @Ctx() ctx: Context): Promise<SchoolClassType | null> | null {
    return m.fromClassId ? ctx.loaders.classById.load(m.fromClassId) : null;
  }

  @FieldResolver(() => SchoolClassType, { nullable: true })
  toClass(@Root() m: StudentMovementType, @Ctx() ctx: Context): Promise<SchoolClassType | null> | null {
    return m.toClassId ? ctx.loaders.classById.load(m.toClassId) : null;
  }
}
