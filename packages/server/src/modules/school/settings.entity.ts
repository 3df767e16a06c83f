import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';
import { School } from './school.entity.js';

/**
 * Issue 18: the windows and duties the school's regulations set, where the seeds differ. A school without a
 * row keeps the defaults of `DEFAULT_SETTINGS` (settings.ts); the administration edits them.
 */
@Entity({ tableName: 'school_settings' })
@Unique({ properties: ['school'] })
export class SchoolSettings {
  [OptionalProps]?: 'updatedBy';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  /** Marks of the day and attendance are entered by this local time of the lesson's day, in minutes (003 §4.4: 1440 = 24:00; 000 §3.3: 1020 = 17:00). */
  @Property({ type: 'smallint' })
  sameDayUntilMinutes!: number;

  /** Written work's marks within this many days in grades 2–9 (003 §2.1.4: 5). */
  @Property({ type: 'smallint' })
  writtenWorkDaysJunior!: number;

  /** … and in grades 10–11 (003 §2.1.4: 7). */
  @Property({ type: 'smallint' })
  writtenWorkDaysSenior!: number;

  /** Homework within this many minutes after the pupils' school day ends (003 §2.1.2: 120; 004 §2.7: 90). */
  @Property({ type: 'smallint' })
  homeworkMinutesAfterDay!: number;

  /** When lesson N ends, "HH:MM" in school time: the end of the pupils' school day is the end of their last lesson. */
  @Property({ type: 'json', runtimeType: 'array' })
  lessonEndTimes!: string[];

  /** Corrections and late entries by the administration only (003 §2.1.4 forbids them to teachers); default: anyone keeping the journal, with a reason. */
  @Property({ type: 'boolean' })
  correctionsByAdministrationOnly!: boolean;

  /** Period marks no later than this many days before the period ends (001 §3.6.4, 004 §3.5.4: 3). */
  @Property({ type: 'smallint' })
  periodMarkDaysBeforeEnd!: number;

  /** The class teacher checks the journal at least this many times a month (002 §3.3: 2). */
  @Property({ type: 'smallint' })
  journalChecksPerMonth!: number;

  /** Parents are informed of progress at least every this many days (003 §2.2.2: 14). */
  @Property({ type: 'smallint' })
  parentsInformedEveryDays!: number;

  /** The preliminary period report goes to the deputy directors this many days before the period ends (003 §2.2.3: 14). */
  @Property({ type: 'smallint' })
  preliminaryReportDaysBeforeEnd!: number;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @ManyToOne(() => User, { nullable: true })
  updatedBy?: User | null;
}
