import { newId } from '../../kernel/ids.js';
import { todayIso } from '../../kernel/dates.js';
import { inForce } from '../../kernel/in-force.js';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** A municipal or regional education authority (управление образования): the tenant above schools. */
@Entity({ tableName: 'education_authority' })
export class EducationAuthority {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string' })
  name!: string;
}

@Entity({ tableName: 'school' })
export class School {
  [OptionalProps]?: 'timezone';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => EducationAuthority)
  authority!: EducationAuthority;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  shortName!: string;

  /** Lesson dates and entry deadlines are judged in the school's local time. */
  @Property({ type: 'string' })
  timezone: string = 'Europe/Moscow';
}

/** Subjects are per school: their names and short names differ between schools. */
@Entity({ tableName: 'subject' })
@Unique({ properties: ['school', 'name'] })
export class Subject {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  shortName!: string;
}

/**
 * A link of a school (an enrolment, a membership, a teaching assignment, a guardianship) in force at `now` on
 * that school's own calendar: for what serves every viewer alike (loaders), the school joined to the row.
 */
export const inForceAtItsSchool = (link: { school: School; startsOn: string; endsOn?: string | null }, now: Date): boolean =>
  inForce(link, todayIso(now, link.school.timezone));
