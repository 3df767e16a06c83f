import { newId } from '../../kernel/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { School, StudyGroup } from '../school/index.js';

/**
 * R-J2: one topic of the calendar-thematic plan of a group, with its hours, in teaching order. In the timetable
 * module: a lesson points at its planned topic; the journal's keeping edits the plan.
 */
@Entity({ tableName: 'plan_topic' })
@Unique({ properties: ['group', 'number'] })
export class PlanTopic {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => StudyGroup)
  group!: StudyGroup;

  @Property({ type: 'smallint' })
  number!: number;

  @Property({ type: 'string' })
  topic!: string;

  @Property({ type: 'smallint' })
  hours!: number;
}
