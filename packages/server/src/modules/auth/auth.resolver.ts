import { TEXT, TextArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { present } from '../../kernel/dataloader.js';
import { StudentType, User, SchoolClassType, SchoolType, StudyGroupType, currentYearOf } from '../school/index.js';
import { AuthService } from './auth.service.js';
import { abilitiesOf } from '../../policy/abilities.js';
import { todayIso } from '../../kernel/dates.js';
import { LoginPayload, ViewerAbilitiesType, ViewerType } from './auth.types.js';
import { SessionScope } from './session.entity.js';

@Resolver(() => ViewerType)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Query(() => ViewerType, { nullable: true, description: 'The signed-in person, or null without a valid session' })
  async viewer(@Ctx() ctx: Context): Promise<ViewerType | null> {
    if (!ctx.viewer) return null;
    const user = await ctx.em.findOneOrFail(User, ctx.viewer.userId);
    return ViewerType.from(user, ctx.viewer);
  }

  @Mutation(() => LoginPayload, { description: 'Signs in with personal credentials and starts a session' })
  async login(
    @TextArg('login', { max: TEXT.line }) login: string,
    @TextArg('password', { max: 200, keepSpaces: true }) password: string,
    @Arg('scope', () => SessionScope, {
      defaultValue: SessionScope.WEB,
      description: "API: the session may send any document, not only the web app's (staff, inspectors, system administrators)",
    })
    scope: SessionScope,
    @TextArg('deviceToken', {
      max: 1000,
      nullable: true,
      description: "The `deviceToken` of this device's last sign-in: others' wrong passwords do not hold it up",
    })
    deviceToken: string | null,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    const {
      token,
      session,
      user,
      viewer,
      deviceToken: nextDeviceToken,
    } = await this.auth.login(ctx.em, login, password, { userAgent: ctx.userAgent, ip: ctx.ip, deviceToken }, scope);
    // The rest of this operation (the payload's fields) is answered for the person who just signed in.
    ctx.viewer = viewer;
    return Object.assign(new LoginPayload(), {
      token,
      expiresAt: session.expiresAt,
      viewer: ViewerType.from(user, viewer),
      deviceToken: nextDeviceToken,
      userId: user.id,
    });
  }

  @Mutation(() => Boolean, { description: 'Ends the current session; true when a session was ended' })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    return this.auth.logout(ctx.em, viewerOf(ctx));
  }

  @FieldResolver(() => SchoolType, { nullable: true })
  school(@Root() viewer: ViewerType, @Ctx() ctx: Context): Promise<SchoolType | null> | null {
    return viewer.schoolId ? ctx.loaders.schoolById.load(viewer.schoolId) : null;
  }

  @FieldResolver(() => [StudyGroupType], { description: 'The groups the viewer teaches now (their journal pages)' })
  async taughtGroups(@Root() viewer: ViewerType, @Ctx() ctx: Context): Promise<StudyGroupType[]> {
    const groups = present(await ctx.loaders.groupById.loadMany(viewer.taughtGroupIds));
    return groups.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  }

  @FieldResolver(() => [SchoolClassType], { description: 'The classes the viewer leads as class teacher' })
  async ledClasses(@Root() viewer: ViewerType, @Ctx() ctx: Context): Promise<SchoolClassType[]> {
    return present(await ctx.loaders.classById.loadMany(viewer.ledClassIds));
  }

  @FieldResolver(() => [StudentType], { description: "A parent's own children (empty for other roles)" })
  async children(@Root() viewer: ViewerType, @Ctx() ctx: Context): Promise<StudentType[]> {
    return present(await ctx.loaders.studentById.loadMany(viewer.childIds));
  }

  @FieldResolver(() => ViewerAbilitiesType, { description: 'What the viewer may do in their school: the screens and actions the web app offers' })
  async can(@Root() viewer: ViewerType, @Ctx() ctx: Context): Promise<ViewerAbilitiesType> {
    const now = ctx.clock();
    const year = viewer.schoolId ? currentYearOf(await ctx.loaders.yearsBySchool.load(viewer.schoolId), todayIso(now, viewerOf(ctx).timeZone)) : null;
    const period = year ? ((await ctx.loaders.periodsByYear.load(year.id))[0] ?? null) : null;
    const abilities = await abilitiesOf(ctx.em, viewerOf(ctx), { schoolId: viewer.schoolId, yearId: year?.id ?? null, periodId: period?.id ?? null }, now);
    return Object.assign(new ViewerAbilitiesType(), abilities, { userId: viewer.id });
  }
}
