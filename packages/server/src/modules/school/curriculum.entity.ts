import { DecimalType } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { AcademicYear } from './academic-year.entity.js';
import { School, Subject } from './school.entity.js';

/** Учебный план: weekly hours of a subject in a grade for one year (R-O3). */
@Entity({ tableName: 'curriculum_item' })
@Unique({ properties: ['year', 'grade', 'subject'] })
export class CurriculumItem {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  year!: AcademicYear;

  @Property({ type: 'smallint' })
  grade!: number;

  @ManyToOne(() => Subject)
  subject!: Subject;

  /** Hours per week; may be fractional (0.5 = every other week). */
  @Property({ type: new DecimalType('string'), precision: 4, scale: 1 })
  hoursPerWeek!: string;
}
