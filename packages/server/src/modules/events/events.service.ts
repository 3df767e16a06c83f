import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { isStaffOf } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { recordEvent } from '../../realtime/domain-event.entity.js';
import { audit } from '../../kernel/audit.js';
import { todayIso } from '../../kernel/dates.js';
import { inForceOn } from '../../kernel/in-force.js';
import { Enrolment, User, AcademicYear, SchoolClass, School, Subject } from '../school/index.js';
import { ExamEntry, ExamKind, SchoolEvent } from './events.entity.js';
import type { CreateSchoolEventInput, ExamResultInput } from './events.types.js';

/** R-D2 events calendar; R-D3/R-D5 exam choices and results. */
export class EventsService {
  constructor(private readonly clock: Clock) {}

  async createEvent(em: EntityManager, viewer: Viewer, input: CreateSchoolEventInput): Promise<SchoolEvent> {
    const school = await em.findOneOrFail(School, input.schoolId);
    let schoolClass: SchoolClass | null = null;
    if (input.classId) {
      schoolClass = await em.findOne(SchoolClass, { id: input.classId, school });
      if (!schoolClass) throw badInput('NO_SUCH_CLASS', 'No such class in this school.', 'classId');
    }
    if (input.endsAt && input.endsAt < input.startsAt) throw badInput('ENDS_BEFORE_START', 'The event ends before it starts.', 'endsAt');
    const now = this.clock();
    const event = em.create(SchoolEvent, {
      school,
      schoolClass,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      place: input.place?.trim() || null,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      author: em.getReference(User, viewer.userId),
      createdAt: now,
    });
    audit(em, viewer, { action: 'event.create', entity: 'SchoolEvent', entityId: event.id, schoolId: school.id, data: { title: event.title } }, now);
    await em.flush();
    return event;
  }

  /** The events a viewer may see in a school: school-wide ones, and those of their own, their children's or their staff's classes. */
  async eventsFor(em: EntityManager, viewer: Viewer, schoolId: string, from: Date, to: Date): Promise<SchoolEvent[]> {
    const range = { school: schoolId, startsAt: { $gte: from, $lte: to } };
    if (isStaffOf(viewer, schoolId)) return em.find(SchoolEvent, range, { orderBy: { startsAt: 'asc' } });
    const family = [viewer.userId, ...viewer.childIds];
    // The classes they are in on some day of the range: a transfer already recorded for later leaves the present class's events in view.
    const days = { first: todayIso(from, viewer.timeZone), last: todayIso(to, viewer.timeZone) };
    const classes = (await em.find(Enrolment, { student: { $in: family }, school: schoolId, ...inForceOn(days) })).map((e) => e.schoolClass.id);
    return em.find(SchoolEvent, { ...range, $or: [{ schoolClass: null }, { schoolClass: { $in: classes } }] }, { orderBy: { startsAt: 'asc' } });
  }

  async chooseExam(em: EntityManager, viewer: Viewer, studentId: string, subjectId: string, kind: ExamKind): Promise<ExamEntry> {
    const enrolment = await em.findOneOrFail(
      Enrolment,
      { student: studentId, ...inForceOn(todayIso(this.clock(), viewer.timeZone)) },
      { populate: ['schoolClass', 'student'] },
    );
    const grade = enrolment.schoolClass.grade;
    if ((kind === ExamKind.OGE && grade !== 9) || (kind === ExamKind.EGE && grade !== 11)) {
      throw badInput(
        'WRONG_GRADE_FOR_EXAM',
        `${kind === ExamKind.OGE ? 'ОГЭ is taken in grade 9' : 'ЕГЭ is taken in grade 11'}; the student is in grade ${grade}.`,
        'kind',
      );
    }
    const subject = await em.findOne(Subject, { id: subjectId, school: enrolment.school });
    if (!subject) throw badInput('SUBJECT_NOT_TAUGHT', 'No such subject in this school.', 'subjectId');
    const year = await em.findOneOrFail(AcademicYear, enrolment.schoolClass.year.id);
    if (await em.count(ExamEntry, { year, student: studentId, subject, kind }))
      throw badInput('ALREADY_EXISTS', `${subject.name} is already chosen.`, 'subjectId');
    const now = this.clock();
    const entry = em.create(ExamEntry, { school: enrolment.school, year, student: enrolment.student, subject, kind, chosenAt: now });
    audit(
      em,
      viewer,
      { action: 'exam.choose', entity: 'ExamEntry', entityId: entry.id, schoolId: enrolment.school.id, data: { studentId, subject: subject.name, kind } },
      now,
    );
    await em.flush();
    return entry;
  }

  async recordExamResult(em: EntityManager, viewer: Viewer, input: ExamResultInput): Promise<ExamEntry> {
    const entry = await em.findOneOrFail(ExamEntry, input.examId);
    if (entry.kind === ExamKind.EGE && input.mark !== undefined) throw badInput('EGE_HAS_NO_MARK', 'ЕГЭ has a score only, no five-point mark.', 'mark');
    if (entry.kind === ExamKind.OGE && input.mark === undefined) throw badInput('OGE_MARK_REQUIRED', 'ОГЭ results need the five-point mark too.', 'mark');
    const now = this.clock();
    Object.assign(entry, { examDate: input.examDate, score: input.score, mark: input.mark ?? null, resultAt: now });
    audit(em, viewer, { action: 'exam.result', entity: 'ExamEntry', entityId: entry.id, schoolId: entry.school.id, data: { ...input } }, now);
    recordEvent(em, { type: 'exam.result', schoolId: entry.school.id, studentId: entry.student.id, payload: { examId: entry.id, score: input.score } });
    await em.flush();
    return entry;
  }
}
