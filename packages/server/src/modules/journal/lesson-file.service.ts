import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { audit } from '../../kernel/audit.js';
import { Attachment } from '../messaging/index.js';
import { User } from '../school/index.js';
import { Lesson } from '../timetable/index.js';
import { LessonFile } from './lesson-file.entity.js';
import { LessonFileType, type LessonFileAudience } from './lesson-file.types.js';
import { inForceSql } from '../../kernel/in-force.js';

/** The pupils of lesson `l`'s group `g` on its date: the class for a whole-class group, else its members. */
const PUPILS_OF_LESSON = `
select e.student_id from enrolment e
 where g.kind = 'WHOLE_CLASS' and e.school_class_id = g.school_class_id and ${inForceSql('e', 'l.date')}
union
select m.student_id from group_member m where m.group_id = g.id and ${inForceSql('m', 'l.date')}`;

interface LessonFileRow {
  id: string;
  lesson_id: string;
  file_name: string;
  content_type: string;
  size: number;
  attached_at: Date;
  school_id: string;
  group_id: string;
  class_id: string | null;
  student_ids: string[];
}

/**
 * The files of many lessons, each with who may read it, in one statement (the diary week asks for the
 * files of all its lessons through the `filesByLesson` loader); by attachment time, then name, then id.
 */
export async function readLessonFiles(em: EntityManager, lessonIds: readonly string[]): Promise<LessonFileType[]> {
  const rows = await em.execute<LessonFileRow[]>(
    `select f.id, f.lesson_id, f.file_name, f.content_type, f.size, f.attached_at, l.school_id, l.group_id, g.school_class_id as class_id,
            array(${PUPILS_OF_LESSON})::text[] as student_ids
       from lesson_file f join lesson l on l.id = f.lesson_id join study_group g on g.id = l.group_id
      where f.lesson_id = any(?::uuid[])
      order by f.attached_at, f.file_name, f.id`,
    [uuidArray(lessonIds)],
  );
  return rows.map((r) =>
    LessonFileType.of(
      { id: r.id, lessonId: r.lesson_id, fileName: r.file_name, contentType: r.content_type, size: r.size, attachedAt: new Date(r.attached_at) },
      { schoolId: r.school_id, groupId: r.group_id, classId: r.class_id, studentIds: r.student_ids },
    ),
  );
}

/** R-J1: files of a lesson's homework. */
export class LessonFileService {
  constructor(private readonly clock: Clock) {}

  async audience(em: EntityManager, lessonId: string): Promise<Omit<LessonFileAudience, 'lessonId'>> {
    const [row] = await em.execute<Pick<LessonFileRow, 'school_id' | 'group_id' | 'class_id' | 'student_ids'>[]>(
      `select l.school_id, l.group_id, g.school_class_id as class_id, array(${PUPILS_OF_LESSON})::text[] as student_ids
         from lesson l join study_group g on g.id = l.group_id where l.id = ?`,
      [lessonId],
    );
    if (!row) throw notFound('No such lesson.');
    return { schoolId: row.school_id, groupId: row.group_id, classId: row.class_id, studentIds: row.student_ids };
  }

  /** The files of a lesson, each with who may read it (the type rule leaves out what the viewer may not). */
  files(em: EntityManager, lessonId: string): Promise<LessonFileType[]> {
    return readLessonFiles(em, [lessonId]);
  }

  /**
   * Moves the viewer's unsent uploads onto the lesson (the write rule has let the viewer keep its
   * journal: journal.policy.ts); the diary shows them with the homework.
   */
  async attach(em: EntityManager, viewer: Viewer, lessonId: string, attachmentIds: string[]): Promise<LessonFileType[]> {
    const lesson = await em.findOne(Lesson, lessonId, { populate: ['school', 'group.year'] });
    if (!lesson) throw notFound('No such lesson.');
    if (lesson.group.year.closedAt) throw badInput('YEAR_CLOSED', `The year ${lesson.group.year.name} is closed: its journal is final.`);
    // Locked until the commit: a letter claiming the same upload meanwhile waits, then no longer finds it.
    const uploads = await em.find(
      Attachment,
      { id: { $in: attachmentIds }, uploadedBy: viewer.userId, message: null },
      { populate: ['data'], lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (uploads.length !== new Set(attachmentIds).size) throw badInput('FILE_NOT_YOURS', 'A file is not among your unsent uploads.', 'attachmentIds');
    const now = this.clock();
    for (const u of uploads) {
      em.create(LessonFile, {
        school: lesson.school,
        lesson,
        uploadedBy: em.getReference(User, viewer.userId),
        attachedAt: now,
        fileName: u.fileName,
        contentType: u.contentType,
        size: u.size,
        data: u.data,
      });
      em.remove(u);
    }
    audit(
      em,
      viewer,
      { action: 'lesson.files', entity: 'Lesson', entityId: lesson.id, schoolId: lesson.school.id, data: { files: uploads.map((u) => u.fileName) } },
      now,
    );
    await em.flush();
    return this.files(em, lesson.id);
  }
}
