import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User, AcademicYear, SchoolClass, School, Subject } from '../school/index.js';

/** R-D2: a class event (entered by its class teacher) or a school event (deputy director, administration). */
@Entity({ tableName: 'school_event' })
@Index({ properties: ['school', 'startsAt'] })
export class SchoolEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  /** null: a school-wide event. */
  @ManyToOne(() => SchoolClass, { nullable: true })
  schoolClass?: SchoolClass | null;

  @Property({ type: 'string' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'string', nullable: true })
  place?: string | null;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endsAt?: Date | null;

  @ManyToOne(() => User)
  author!: User;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** State final attestation: ОГЭ after grade 9, ЕГЭ after grade 11. */
export enum ExamKind {
  OGE = 'OGE',
  EGE = 'EGE',
}

/** R-D3: a subject a student chose for the state exam, and, later, the result (R-D5). */
@Entity({ tableName: 'exam_entry' })
@Unique({ properties: ['year', 'student', 'subject', 'kind'] })
export class ExamEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  year!: AcademicYear;

  @ManyToOne(() => User)
  student!: User;

  @ManyToOne(() => Subject)
  subject!: Subject;

  @Enum({ items: () => ExamKind, nativeEnumName: 'exam_kind' })
  kind!: ExamKind;

  @Property({ type: 'datetime' })
  chosenAt!: Date;

  @Property({ type: 'date', nullable: true })
  examDate?: string | null;

  /** Primary/test score as published. */
  @Property({ type: 'smallint', nullable: true })
  score?: number | null;

  /** The five-point mark for ОГЭ; null for ЕГЭ, which has only a score. */
  @Property({ type: 'smallint', nullable: true })
  mark?: number | null;

  @Property({ type: 'datetime', nullable: true })
  resultAt?: Date | null;
}
