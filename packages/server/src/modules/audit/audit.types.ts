import { DateTimeField, IdField, TextField } from '../../kernel/input-fields.js';
import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../kernel/relay.js';
import { fullName } from '../school/index.js';
import type { AuditEvent } from './audit.entity.js';

@ObjectType('AuditEvent', { description: 'R-R7: one change, who made it and when; R-A2: flagged when made from a compromised account' })
export class AuditEventType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. "movement.record", "consent.withdraw"' })
  action!: string;

  @Field(() => String)
  entity!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => JSONObjectResolver, { nullable: true })
  data!: Record<string, unknown> | null;

  @Field(() => DateTimeISOResolver)
  at!: Date;

  @Field(() => String)
  actorName!: string;

  @Field(() => String)
  actorLogin!: string;

  @Field(() => ID, { nullable: true, description: 'The session the change was made in' })
  sessionId!: string | null;

  @Field(() => String, { nullable: true, description: "The client's address" })
  ip!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  invalidatedAt!: Date | null;

  @Field(() => String, { nullable: true })
  invalidReason!: string | null;

  /** Not exposed: the policy decides visibility by it. */
  schoolId!: string | null;

  /** `event` with its actor populated. */
  static from(event: AuditEvent): AuditEventType {
    return Object.assign(new AuditEventType(), {
      id: String(event.id),
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      data: event.data ?? null,
      at: event.at,
      actorName: fullName(event.actor),
      actorLogin: event.actor.login,
      sessionId: event.sessionId ?? null,
      ip: event.ip ?? null,
      invalidatedAt: event.invalidatedAt ?? null,
      invalidReason: event.invalidReason ?? null,
      schoolId: event.school?.id ?? null,
    });
  }
}

@InputType()
export class ReportCompromiseInput {
  @IdField({ nullable: true, description: 'Whose account: yourself when absent; an administrator names a person of their school' })
  userId?: string | null;

  @DateTimeField({ description: 'From when the account was in other hands: its changes since then are flagged invalid' })
  since!: Date;

  @TextField({
    min: 8,
    max: 200,
    keepSpaces: true,
    nullable: true,
    description: 'Reporting your own account: your new password (the old one is known to others)',
  })
  newPassword?: string | null;
}

@ObjectType('CompromiseReport')
export class CompromiseReport {
  @Field(() => ID)
  userId!: string;

  @Field(() => DateTimeISOResolver, { description: 'The earliest reported moment of compromise' })
  since!: Date;

  @Field(() => Int)
  sessionsRevoked!: number;

  @Field(() => Int, { description: 'Changes made from the account since then, now flagged invalid' })
  flaggedChanges!: number;

  @Field(() => Int, { description: 'Marks made or changed from the account since then: out of averages until reviewed (issue 18)' })
  flaggedMarks!: number;

  @Field(() => String, { nullable: true, description: 'Reported by an administrator: the new one-time password to hand over (shown once)' })
  newPassword!: string | null;

  /** Not exposed: only the reporter sees the report. */
  reportedById!: string;
}

@InputType({ description: 'R-R7: what to look for in the audit log; every given condition must hold' })
export class AuditFilter {
  @IdField({ nullable: true, description: 'Who made the change' })
  actorId?: string | null;

  @TextField({ max: 100, nullable: true, description: 'Exactly this action, e.g. "mark.change"' })
  action?: string | null;

  @IdField({ nullable: true, description: 'The object changed' })
  entityId?: string | null;

  @DateTimeField({ nullable: true, description: 'From this moment, inclusive' })
  from?: Date | null;

  @DateTimeField({ nullable: true, description: 'Up to this moment, inclusive' })
  to?: Date | null;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEventType) node!: AuditEventType;
  /** Not exposed: the policy decides visibility by it. */
  schoolId!: string;
}

@ObjectType('AuditEventConnection', { description: 'A page of the audit log, newest first' })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Not exposed: the policy decides visibility by it. */
  schoolId!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    AuditEvent: AuditEventType;
    CompromiseReport: CompromiseReport;
    AuditEventEdge: AuditEventEdge;
    AuditEventConnection: AuditEventConnection;
  }
}
