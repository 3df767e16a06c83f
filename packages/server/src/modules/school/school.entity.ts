import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** A municipal or regional education authority (управление образования): the tenant above schools. */
@Entity({ tableName: 'education_authority' })
export class EducationAuthority {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  name!: string;
}

@Entity({ tableName: 'school' })
export class School {
  [OptionalProps]?: 'timezone';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

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
  id: string = randomUUID();

  @ManyToOne(() => School)
  school!: School;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  shortName!: string;
}
