import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { SchoolClassType } from '../school/school.types.js';
import { StudentType } from './people.types.js';

@Resolver(() => StudentType)
export class StudentResolver {
  @FieldResolver(() => SchoolClassType, { nullable: true, description: 'The class the student is in now' })
  schoolClass(@Root() student: StudentType, @Ctx() ctx: Context): Promise<SchoolClassType | null> | null {
    return student.classId ? ctx.loaders.classById.load(student.classId) : null;
  }
}
