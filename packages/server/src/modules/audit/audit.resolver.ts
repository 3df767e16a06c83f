import { IdArg, IntArg, PAGE_MAX, TextArg } from '../../kernel/input-fields.js';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { AuditEventConnection, AuditEventType, AuditFilter, CompromiseReport, ReportCompromiseInput } from './audit.types.js';
import { AUDIT_PAGE_MAX, auditLog } from './audit-log.service.js';
import { auditSubjectLoader } from './audit-subjects.js';
import { flaggedChanges, reportCompromise } from './compromise.service.js';

@Resolver()
export class AuditResolver {
  @Mutation(() => CompromiseReport, {
    description: 'R-A2: ends every session of the account, replaces its password and flags its changes since `since` as invalid',
  })
  reportCompromise(@Arg('input', () => ReportCompromiseInput) input: ReportCompromiseInput, @Ctx() ctx: Context): Promise<CompromiseReport> {
    return reportCompromise(ctx.em, viewerOf(ctx), input, ctx.clock());
  }

  @Query(() => [AuditEventType], { description: 'Changes of the school flagged invalid (made from compromised accounts), latest first' })
  async flaggedChanges(
    @IdArg('schoolId') schoolId: string,
    @IntArg('limit', { min: 1, max: PAGE_MAX, defaultValue: 200 }) limit: number,
    @Ctx() ctx: Context,
  ): Promise<AuditEventType[]> {
    return (await flaggedChanges(ctx.em, viewerOf(ctx), schoolId, limit)).map(AuditEventType.from);
  }

  @Query(() => AuditEventConnection, { description: `R-R7: the school's audit log, newest first; at most ${AUDIT_PAGE_MAX} a page` })
  auditLog(
    @IdArg('schoolId') schoolId: string,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @IntArg('first', { min: 1, max: PAGE_MAX, defaultValue: 50 }) first: number,
    @TextArg('after', { max: 200, nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<AuditEventConnection> {
    return auditLog(ctx.em, viewerOf(ctx), { schoolId, filter, first, after });
  }
}

/** Per request: one loader, so a page of the log asks once per kind of object. */
const subjectLoaders = new WeakMap<Context, ReturnType<typeof auditSubjectLoader>>();

@Resolver(() => AuditEventType)
export class AuditEventResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "What the object is, in the school's words: a person's name, a class, «5» with the student and subject… (null when there is nothing to say)",
  })
  about(@Root() event: AuditEventType, @Ctx() ctx: Context): Promise<string | null> {
    let loader = subjectLoaders.get(ctx);
    if (!loader) subjectLoaders.set(ctx, (loader = auditSubjectLoader(ctx.em)));
    return loader.load(`${event.entity}:${event.entityId}`);
  }
}
