import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { EducationAuthority, School } from './school.entity.js';
import { User } from './user.entity.js';
import { Role } from '../../policy/roles.js';

/**
 * One role of one person in one school (or, for an inspector, one authority; for the
 * system administrator, the platform). Revoked grants stay for the record. A role is held once per place
 * at a time (partial unique index role_grant_active_unique; `grantOnce` inserts against it). In the school module:
 * naming a class or group teacher grants a role, and the people module manages the rest.
 */
@Entity({ tableName: 'role_grant' })
@Index({ properties: ['user'] })
export class RoleGrant {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User)
  user!: User;

  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @ManyToOne(() => School, { nullable: true })
  school?: School | null;

  @ManyToOne(() => EducationAuthority, { nullable: true })
  authority?: EducationAuthority | null;

  /** Staff position as printed in documents, e.g. "учитель математики". */
  @Property({ type: 'string', nullable: true })
  position?: string | null;

  @Property({ type: 'datetime' })
  grantedAt!: Date;

  /** Staff: the last day of the employment contract; the lifecycle job ends the grant after it. */
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
