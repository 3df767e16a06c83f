import { newId } from '../../kernel/ids.js';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';
import { AcademicYear } from './academic-year.entity.js';
import { School } from './school.entity.js';

/** A class of one academic year (5А in 2026/2027 and 6А in 2027/2028 are different rows). */
@Entity({ tableName: 'school_class' })
@Unique({ properties: ['year', 'grade', 'letter'] })
export class SchoolClass {
  [OptionalProps]?: 'name';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  year!: AcademicYear;

  @Property({ type: 'smallint' })
  grade!: number;

  /** Cyrillic letter; empty for a school with one class per grade. */
  @Property({ type: 'string', length: 4 })
  letter!: string;

  /** Классный руководитель. */
  @ManyToOne(() => User, { nullable: true })
  classTeacher?: User | null;

  get name(): string {
    return `${this.grade}${this.letter}`;
  }
}
