import { newId } from '../../kernel/ids.js';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A person who may sign in: staff, student or parent. Role grants say what they are where. In the school module,
 * the lowest: school's entities (class teacher, teachers, members) and every other module's point at people.
 */
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'active';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', unique: true })
  login!: string;

  /** argon2id; null until credentials are issued. */
  @Property({ type: 'string', nullable: true, hidden: true })
  passwordHash?: string | null;

  @Property({ type: 'string' })
  lastName!: string;

  @Property({ type: 'string' })
  firstName!: string;

  /** Отчество: optional, not everyone has one. */
  @Property({ type: 'string', nullable: true })
  middleName?: string | null;

  @Property({ type: 'string', nullable: true })
  email?: string | null;

  @Property({ type: 'string', nullable: true })
  phone?: string | null;

  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  /** Deactivated accounts cannot sign in; their records stay. */
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'datetime', nullable: true })
  deactivatedAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  deactivationReason?: string | null;

  /** R-A2: set when the person reports the account compromised; changes after it are flagged. */
  @Property({ type: 'datetime', nullable: true })
  compromisedSince?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

export function fullName(u: Pick<User, 'lastName' | 'firstName' | 'middleName'>): string {
  return [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' ');
}

type Named = Pick<User, 'id' | 'lastName' | 'firstName' | 'middleName'>;

/**
 * "Иванова Анна" before "Иванова Мария": the order of a class list. Two pupils of one name keep one order
 * (by id, the order they were recorded in), so their rows never swap between two openings of the journal.
 */
export const bySurname = (a: Named, b: Named) =>
  a.lastName.localeCompare(b.lastName, 'ru') ||
  a.firstName.localeCompare(b.firstName, 'ru') ||
  (a.middleName ?? '').localeCompare(b.middleName ?? '', 'ru') ||
  compareIds(a.id, b.id);

/** Members of a group from several classes are listed by full name (then id, as above). */
export const byFullName = (a: { id: string; fullName: string }, b: { id: string; fullName: string }) =>
  a.fullName.localeCompare(b.fullName, 'ru') || compareIds(a.id, b.id);

/** Ids in the database's order (a UUID compares as its lowercase text). */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "Иванова Мария Петровна" → "Иванова М. П.", the way journals print names. */
export function shortName(u: Pick<User, 'lastName' | 'firstName' | 'middleName'>): string {
  const initials = [u.firstName, u.middleName].filter(Boolean).map((n) => `${n![0]}.`);
  return [u.lastName, ...initials].join(' ');
}
