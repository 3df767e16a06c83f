import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { School, User } from '../school/index.js';

export enum GuardianKind {
  MOTHER = 'MOTHER',
  FATHER = 'FATHER',
  GUARDIAN = 'GUARDIAN',
}

/**
 * Parent or legal representative ↔ child: the link that decides what a parent may see (R-A3), in force
 * from `startsOn` to `endsOn`, both days included (as an enrolment): ending a link today sets `endsOn` to
 * yesterday, so access ends today. Ended links stay; one is open per parent and child (partial unique
 * index guardianship_open_unique), and a re-link is a new row.
 */
@Entity({ tableName: 'guardianship' })
@Index({ properties: ['student'] })
// Every request's viewer asks for a person's children (Migration20261203032001_viewer_indexes).
@Index({ properties: ['parent'] })
export class Guardianship {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => User)
  parent!: User;

  @ManyToOne(() => User)
  student!: User;

  @Enum({ items: () => GuardianKind, nativeEnumName: 'guardian_kind' })
  kind!: GuardianKind;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;
}
