import { newId } from '../../kernel/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User, School } from '../school/index.js';
import { Lesson } from '../timetable/index.js';

/**
 * R-J1: a file of a lesson's homework (a worksheet, a scan of the exercise). Uploaded like a letter's
 * file (POST /attachments), then moved here by `attachLessonFiles`; read by the lesson's pupils, their
 * parents and whoever keeps or reads the group's journal (policy: `LessonFile`).
 */
@Entity({ tableName: 'lesson_file' })
@Index({ properties: ['lesson'] })
export class LessonFile {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => School)
  school!: School;

  @ManyToOne(() => Lesson)
  lesson!: Lesson;

  @ManyToOne(() => User)
  uploadedBy!: User;

  @Property({ type: 'datetime' })
  attachedAt!: Date;

  @Property({ type: 'string' })
  fileName!: string;

  @Property({ type: 'string' })
  contentType!: string;

  @Property({ type: 'integer' })
  size!: number;

  /** Read only when the file is downloaded. */
  @Property({ type: 'blob', lazy: true })
  data!: Buffer;
}
