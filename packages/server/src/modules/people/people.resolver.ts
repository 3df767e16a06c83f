import { DateArg, IdArg, IntArg, TEXT, TextArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { forbidden } from '../../kernel/errors.js';
import { diaryAccess as decideDiaryAccess } from '../../policy/policy.js';
import { present } from '../../kernel/dataloader.js';
import { SchoolClassType, SchoolType, StudentType } from '../school/index.js';
import { ConsentType } from './consent.types.js';
import { ImportPeopleInput, ImportReport } from './import.types.js';
import { importPeople } from './import.service.js';
import { StudentMovementType } from './movement.types.js';
import {
  CreatePersonInput,
  CreatePersonPayload,
  DiaryAccess,
  EnrolmentType,
  GrantRoleInput,
  GuardianType,
  PersonType,
  RoleGrantType,
  UpdatePersonInput,
} from './people.types.js';
import { createPerson, endGuardianship, grantRole, linkGuardian, listPeople, revokeRole, setContractEnd, updatePerson } from './people.service.js';
import { Role } from '../../policy/roles.js';
import { GuardianKind } from './student.entity.js';

@Resolver(() => StudentType)
export class StudentResolver {
  @FieldResolver(() => SchoolClassType, { nullable: true, description: 'The class the student is in now' })
  schoolClass(@Root() student: StudentType, @Ctx() ctx: Context): Promise<SchoolClassType | null> | null {
    return student.classId ? ctx.loaders.classById.load(student.classId) : null;
  }

  @FieldResolver(() => DiaryAccess, { description: 'Whether the diary opens for the viewer: a parent\'s page says "consent needed" by it' })
  diaryAccess(@Root() student: StudentType, @Ctx() ctx: Context): DiaryAccess {
    const access = decideDiaryAccess(ctx.viewer, student);
    if (access === 'DENIED') throw forbidden(); // the type rule already hid such a student
    return access as DiaryAccess;
  }

  @FieldResolver(() => [GuardianType], { description: 'Parents and legal representatives' })
  guardians(@Root() student: StudentType, @Ctx() ctx: Context): Promise<GuardianType[]> {
    return ctx.loaders.guardiansByStudent.load(student.id);
  }

  @FieldResolver(() => [ConsentType], { description: 'Consents on record, latest first; each shown to its giver, the family and the school' })
  consents(@Root() student: StudentType, @Ctx() ctx: Context): Promise<ConsentType[]> {
    return ctx.loaders.consentsByStudent.load(student.id);
  }

  @FieldResolver(() => [EnrolmentType], { description: 'Class history, latest first' })
  enrolments(@Root() student: StudentType, @Ctx() ctx: Context): Promise<EnrolmentType[]> {
    return ctx.loaders.enrolmentsByStudent.load(student.id);
  }

  @FieldResolver(() => [StudentMovementType], { description: 'Movements by order, latest first (administration, secretary, class teacher)' })
  movements(@Root() student: StudentType, @Ctx() ctx: Context): Promise<StudentMovementType[]> {
    return ctx.loaders.movementsByStudent.load(student.id);
  }
}

@Resolver(() => EnrolmentType)
export class EnrolmentResolver {
  @FieldResolver(() => SchoolClassType, { nullable: true })
  schoolClass(@Root() e: EnrolmentType, @Ctx() ctx: Context): Promise<SchoolClassType | null> {
    return ctx.loaders.classById.load(e.classId);
  }
}

@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => [RoleGrantType], { description: 'Every grant, revoked ones too' })
  grants(@Root() person: PersonType, @Ctx() ctx: Context): Promise<RoleGrantType[]> {
    return ctx.loaders.grantsByUser.load(person.id);
  }
}

@Resolver(() => RoleGrantType)
export class RoleGrantResolver {
  @FieldResolver(() => SchoolType, { nullable: true })
  school(@Root() grant: RoleGrantType, @Ctx() ctx: Context): Promise<SchoolType | null> | null {
    return grant.schoolId ? ctx.loaders.schoolById.load(grant.schoolId) : null;
  }
}

@Resolver()
export class PeopleResolver {
  @Query(() => [PersonType], { description: 'People of a school with a role (staff for HR, students and parents for the secretary)' })
  async people(
    @IdArg('schoolId') schoolId: string,
    @Arg('role', () => Role, { nullable: true }) role: Role | null,
    @TextArg('search', { max: TEXT.name, nullable: true, description: 'Only those whose name or login contains this (any case)' }) search: string | null,
    @IntArg('offset', { min: 0, max: 1_000_000, nullable: true, defaultValue: 0, description: 'Skip this many, by name' }) offset: number | null,
    @IntArg('first', { min: 1, max: 500, nullable: true, description: 'At most this many (a page); all when null' }) first: number | null,
    @IntArg('contractEndsWithinDays', {
      min: 0,
      max: 366,
      nullable: true,
      description: 'R-A7: only those whose contract (a standing grant of the listed roles) ends from today to this many days ahead',
    })
    contractEndsWithinDays: number | null,
    @Ctx() ctx: Context,
  ): Promise<PersonType[]> {
    const ending = contractEndsWithinDays == null ? null : { days: contractEndsWithinDays, now: ctx.clock() };
    const users = await listPeople(ctx.em, viewerOf(ctx), schoolId, role, search, ending);
    // Arguments left out arrive as undefined, not null.
    const start = offset ?? 0;
    const page = users.slice(start, first == null ? undefined : start + first);
    return present(await ctx.loaders.personById.loadMany(page.map((u) => u.id)));
  }

  @Mutation(() => CreatePersonPayload, { description: 'Adds a person with roles in a school and issues a one-time password' })
  async createPerson(@Arg('input', () => CreatePersonInput) input: CreatePersonInput, @Ctx() ctx: Context): Promise<CreatePersonPayload> {
    const viewer = viewerOf(ctx);
    const { user, grants, initialPassword } = await createPerson(ctx.em, viewer, input, ctx.clock());
    return Object.assign(new CreatePersonPayload(), {
      person: PersonType.from(user, grants),
      initialPassword,
      createdById: viewer.userId,
    });
  }

  @Mutation(() => PersonType, { description: "R-O6: keeps a person's data current (by HR or the secretary; e-mail and phone by the person)" })
  async updatePerson(@Arg('input', () => UpdatePersonInput) input: UpdatePersonInput, @Ctx() ctx: Context): Promise<PersonType> {
    const { user, grants } = await updatePerson(ctx.em, viewerOf(ctx), input, ctx.clock());
    return PersonType.from(user, grants);
  }

  @Mutation(() => RoleGrantType)
  async grantRole(@Arg('input', () => GrantRoleInput) input: GrantRoleInput, @Ctx() ctx: Context): Promise<RoleGrantType> {
    return RoleGrantType.from(await grantRole(ctx.em, viewerOf(ctx), input, ctx.clock()));
  }

  @Mutation(() => RoleGrantType, { description: 'Ends a grant now; the role stops working with the next request' })
  async revokeRole(@IdArg('grantId') grantId: string, @Ctx() ctx: Context): Promise<RoleGrantType> {
    return RoleGrantType.from(await revokeRole(ctx.em, viewerOf(ctx), grantId, ctx.clock()));
  }

  @Mutation(() => RoleGrantType, { description: 'R-A7: the last day of a staff contract (null: open-ended)' })
  async setContractEnd(
    @IdArg('grantId') grantId: string,
    @DateArg('endsOn', { nullable: true }) endsOn: string | null,
    @Ctx() ctx: Context,
  ): Promise<RoleGrantType> {
    return RoleGrantType.from(await setContractEnd(ctx.em, viewerOf(ctx), grantId, endsOn ?? null, ctx.clock()));
  }

  @Mutation(() => GuardianType, {
    description: 'Links a parent or legal representative to a student (journal administrator, secretary; never oneself), with the reason, audited',
  })
  async linkGuardian(
    @IdArg('parentId') parentId: string,
    @IdArg('studentId') studentId: string,
    @Arg('kind', () => GuardianKind) kind: GuardianKind,
    @TextArg('reason', { max: TEXT.line, description: 'The document or request the link is made on' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<GuardianType> {
    const link = await linkGuardian(ctx.em, viewerOf(ctx), { parentId, studentId, kind, reason }, ctx.clock());
    const guardians = await ctx.loaders.guardiansByStudent.load(studentId);
    return guardians.find((g) => g.parentId === link.parent.id)!;
  }

  @Mutation(() => Boolean, { description: "Ends a parent's link to a student, with the reason, audited; access through it ends at once" })
  async endGuardianship(
    @IdArg('parentId') parentId: string,
    @IdArg('studentId') studentId: string,
    @TextArg('reason', { max: TEXT.line }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await endGuardianship(ctx.em, viewerOf(ctx), { parentId, studentId, reason }, ctx.clock());
    return true;
  }

  @Mutation(() => ImportReport, { description: 'Bulk import of students, parents and staff from CSV or XLSX, with a per-row report' })
  importPeople(@Arg('input', () => ImportPeopleInput) input: ImportPeopleInput, @Ctx() ctx: Context): Promise<ImportReport> {
    return importPeople(ctx.em, viewerOf(ctx), input, ctx.clock());
  }
}
