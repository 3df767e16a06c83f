import { IdArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { classParentActivity, consentRegister, recordConsent, studentProfile, withdrawConsent } from './consent.service.js';
import { ConsentRegisterEntry, ConsentType, ParentActivityType, RecordConsentInput } from './consent.types.js';
import { StudentProfileType } from './people.types.js';
import { StudentType } from '../school/index.js';

@Resolver(() => ConsentType)
export class ConsentResolver {
  @Mutation(() => ConsentType, {
    description:
      'R-A6: a parent consents online for their own child (a student for themself from 14); the administration, ' +
      'the secretary or the class teacher record a paper consent naming who gave it (givenById)',
  })
  recordConsent(@Arg('input', () => RecordConsentInput) input: RecordConsentInput, @Ctx() ctx: Context): Promise<ConsentType> {
    return recordConsent(ctx.em, viewerOf(ctx), input, ctx.clock());
  }

  @Mutation(() => ConsentType, { description: 'By the one who gave it, or by the school; the diary closes at once' })
  withdrawConsent(@IdArg('consentId') consentId: string, @Ctx() ctx: Context): Promise<ConsentType> {
    return withdrawConsent(ctx.em, viewerOf(ctx), consentId, ctx.clock());
  }

  @Query(() => [ConsentRegisterEntry], { description: 'The consent register of a class, or of the whole school' })
  consentRegister(
    @IdArg('schoolId') schoolId: string,
    @IdArg('classId', { nullable: true }) classId: string | null,
    @Ctx() ctx: Context,
  ): Promise<ConsentRegisterEntry[]> {
    return consentRegister(ctx.em, viewerOf(ctx), schoolId, classId, ctx.clock());
  }

  @Query(() => StudentProfileType, {
    description: "A student's personal page in the diary: FORBIDDEN (reason CONSENT_REQUIRED) until consent is on record",
  })
  studentProfile(@IdArg('studentId') studentId: string, @Ctx() ctx: Context): Promise<StudentProfileType> {
    return studentProfile(ctx.em, viewerOf(ctx), ctx.loaders, studentId, ctx.clock());
  }

  @Query(() => [ParentActivityType], { description: 'R-A8: parents of a class and their diary visits, inactive ones first' })
  classParentActivity(@IdArg('classId') classId: string, @Ctx() ctx: Context): Promise<ParentActivityType[]> {
    return classParentActivity(ctx.em, viewerOf(ctx), classId, ctx.clock());
  }

  @FieldResolver(() => StudentType, { nullable: true })
  student(@Root() consent: ConsentType, @Ctx() ctx: Context): Promise<StudentType | null> {
    return ctx.loaders.studentById.load(consent.studentId);
  }
}
