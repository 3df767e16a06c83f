import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GradingScale } from './grading.js';
import { User } from './user.entity.js';
import { AcademicYear } from './academic-year.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School, Subject } from './school.entity.js';

export enum GroupKind {
  /** The whole class learns the subject together; members are the class's students. */
  WHOLE_CLASS = 'WHOLE_CLASS',
  /** Part of a class (English group 1, girls' PE...). */
  SUBGROUP = 'SUBGROUP',
  ELECTIVE = 'ELECTIVE',
  /** Students of several classes together (a profile group in 10–11). */
  CROSS_CLASS = 'CROSS_CLASS',
  /** One student on an individual plan (home schooling). */
  INDIVIDUAL = 'INDIVIDUAL',
}

/** Students who learn one subject together: the unit that has a timetable, lessons and a journal page. */
@Entity({ tableName: 'study_group' })
@Unique({ properties: ['year', 'subject', 'name'] })
export class StudyGroup {
  [OptionalProps]?: 'scale';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => AcademicYear)
  year!: AcademicYear;

  @ManyToOne(() => Subject)
  subject!: Subject;

  /** The class the group belongs to; null for cross-class groups. */
  @ManyToOne(() => SchoolClass, { nullable: true })
  schoolClass?: SchoolClass | null;

  @Enum({ items: () => GroupKind, nativeEnumName: 'group_kind' })
  kind!: GroupKind;

  /** R-O5: the grading scale of the group's marks. */
  @Enum({ items: () => GradingScale, nativeEnumName: 'grading_scale' })
  scale: GradingScale = GradingScale.FIVE_POINT;

  /** e.g. "5А", "5А, гр. 1", "Робототехника" */
  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** Explicit membership, for every kind of group but WHOLE_CLASS (whose members follow enrolment). */
@Entity({ tableName: 'group_member' })
@Index({ properties: ['student'] })
export class GroupMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => User)
  student!: User;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;
}

/** Who teaches a group (R-O3); a group may have more than one teacher over the year. */
@Entity({ tableName: 'teaching_assignment' })
@Index({ properties: ['teacher'] })
export class TeachingAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @ManyToOne(() => User)
  teacher!: User;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;
}
