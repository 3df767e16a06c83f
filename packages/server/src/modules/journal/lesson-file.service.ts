import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../graphql/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../audit/audit.service.js';
import { Attachment } from '../messaging/messaging.entity.js';
import { User } from '../people/user.entity.js';
import { Lesson } from '../timetable/timetable.entity.js';
import { LessonFile } from './lesson-file.entity.js';
import { LessonFileType, type LessonFileAudience } from './lesson-file.types.js';

/** The pupils of a lesson's group on its date: the class for a whole-class group, else its members. */
const PUPILS_SQL = `
select e.student_id from study_group g join enrolment e on e.school_class_id = g.school_class_id
 where g.id = ? and g.kind = 'WHOLE_CLASS' and e.starts_on <= ?::date and (e.ends_on is null or e.ends_on >= ?::date)
union
select m.student_id from group_member m where m.group_id = ? and m.starts_on <= ?::date and (m.ends_on is null or m.ends_on >= ?::date)`;

/** R-J1: files of a lesson's homework. */
export class LessonFileService {
  constructor(private readonly clock: Clock) {}

  async audience(em: EntityManager, lesson: Lesson): Promise<Omit<LessonFileAudience, 'lessonId'>> {
    await em.populate(lesson, ['group']);
    const rows = await em.execute<{ student_id: string }[]>(PUPILS_SQL, [lesson.group.id, lesson.date, lesson.date, lesson.group.id, lesson.date, lesson.date]);
    return { schoolId: lesson.school.id, groupId: lesson.group.id, classId: lesson.group.schoolClass?.id ?? null, studentIds: rows.map((r) => r.student_id) };
  }

  /** The files of a lesson, each with who may read it (the type rule leaves out what the viewer may not). */
  async files(em: EntityManager, lessonId: string): Promise<LessonFileType[]> {
    const lesson = await em.findOne(Lesson, lessonId);
    if (!lesson) return [];
    const files = await em.find(LessonFile, { lesson }, { orderBy: { attachedAt: 'asc', fileName: 'asc' } });
    const audience = await this.audience(em, lesson);
    return files.map((f) => LessonFileType.from(f, audience));
  }

  /**
   * Moves the viewer's unsent uploads onto the lesson (the write rule has let the viewer keep its
   * journal: journal.policy.ts); the diary shows them with the homework.
   */
  async attach(em: EntityManager, viewer: Viewer, lessonId: string, attachmentIds: string[]): Promise<LessonFileType[]> {
    const lesson = await em.findOneOrFail(Lesson, lessonId, { populate: ['school', 'group.year'] });
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
    audit(em, viewer, { action: 'lesson.files', entity: 'Lesson', entityId: lesson.id, schoolId: lesson.school.id, data: { files: uploads.map((u) => u.fileName) } }, now);
    await em.flush();
    return this.files(em, lesson.id);
  }
}
