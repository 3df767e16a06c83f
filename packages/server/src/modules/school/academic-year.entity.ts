import { newId } from '../../kernel/ids.js';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { School } from './school.entity.js';

@Entity({ tableName: 'academic_year' })
@Unique({ properties: ['school', 'startsOn'] })
export class AcademicYear {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  /** e.g. "2026/2027" */
  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;

  /** A closed year is read-only: its journal is final and archived. */
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;
}

export enum PeriodKind {
  QUARTER = 'QUARTER',
  TRIMESTER = 'TRIMESTER',
  HALF_YEAR = 'HALF_YEAR',
  MODULE = 'MODULE',
}

/** A reporting period (четверть, триместр, полугодие, модуль): period marks are given per period. */
@Entity({ tableName: 'reporting_period' })
@Unique({ properties: ['year', 'kind', 'number'] })
export class ReportingPeriod {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  year!: AcademicYear;

  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind' })
  kind!: PeriodKind;

  @Property({ type: 'smallint' })
  number!: number;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;
}

/** Days without lessons: school holidays (каникулы) and public holidays. */
@Entity({ tableName: 'holiday' })
export class Holiday {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  year!: AcademicYear;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;
}
