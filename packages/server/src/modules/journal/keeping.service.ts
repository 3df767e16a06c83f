import type { EntityManager } from '@mikro-orm/postgresql';
import { updateWhile } from '../../db/update-while.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { canAdministerSchool, canReadJournal, ensure, isStaffOf } from '../../policy/policy.js';
import type { Clock } from '../../kernel/clock.js';
import type { Viewer } from '../../policy/viewer.js';
import { todayIso } from '../../kernel/dates.js';
import { audit } from '../../kernel/audit.js';
import { User, ReportingPeriod, CurriculumItem, StudyGroup, formatAverage, roundHalfUp, weightedAverage } from '../school/index.js';
import { Lesson, PlanTopic } from '../timetable/index.js';
import { COUNTED_MARKS, FinalMark, FinalMarkKind, Mark } from './journal.entity.js';
import { IntendedMarkNotice, JournalRemark } from './keeping.entity.js';
import { readIntendedMarkTarget, upsertIntendedMarkNotice } from './journal.writes.sql.js';
import { IntendedMarkNoticeType, type SetThematicPlanInput } from './keeping.types.js';

/** A school year has 34 teaching weeks (33 in grade 1): the curriculum's weekly hours times this. */
const TEACHING_WEEKS = 34;
/** R-J7: parents are told no later than this many lessons before the period ends. */
export const NOTICE_LESSONS_BEFORE_END = 3;

export interface ThematicPlanSummary {
  topics: { topic: PlanTopic; lessonsGiven: number }[];
  plannedHours: number;
  curriculumHours: number | null;
  lessonsGiven: number;
  lessonsWithoutTopic: number;
}

/** Keeping the journal in order: the thematic plan (R-J2), deputies' remarks (R-J9), notices of low period marks (R-J7). */
export class KeepingService {
  constructor(private readonly clock: Clock) {}

  private async group(em: EntityManager, viewer: Viewer, groupId: string): Promise<StudyGroup> {
    const group = await em.findOne(StudyGroup, groupId, { populate: ['school', 'year', 'schoolClass'] });
    if (!group || !isStaffOf(viewer, group.school.id)) throw notFound('No such group.');
    return group;
  }

  async setThematicPlan(em: EntityManager, viewer: Viewer, input: SetThematicPlanInput): Promise<StudyGroup> {
    const group = await em.findOneOrFail(StudyGroup, input.groupId);
    const existing = await em.find(PlanTopic, { group }, { orderBy: { number: 'asc' } });
    const surplus = existing.slice(input.topics.length);
    if (surplus.length && (await em.count(Lesson, { planTopic: { $in: surplus } }))) {
      throw badInput('PLAN_TOPIC_HAS_LESSONS', `Topics from number ${input.topics.length + 1} on already have lessons: keep them in the plan.`, 'topics');
    }
    return em.transactional(async (tx) => {
      input.topics.forEach((t, i) => {
        const row = existing[i] ?? tx.create(PlanTopic, { school: group.school, group, number: i + 1, topic: t.topic, hours: t.hours });
        Object.assign(row, { topic: t.topic.trim(), hours: t.hours });
      });
      for (const row of surplus) tx.remove(row);
      audit(
        tx,
        viewer,
        { action: 'plan.set', entity: 'StudyGroup', entityId: group.id, schoolId: group.school.id, data: { topics: input.topics.length } },
        this.clock(),
      );
      return group;
    });
  }

  async thematicPlan(em: EntityManager, viewer: Viewer, groupId: string): Promise<{ group: StudyGroup; summary: ThematicPlanSummary }> {
    const group = await this.group(em, viewer, groupId);
    ensure(canReadJournal(viewer, { id: group.id, schoolId: group.school.id, classId: group.schoolClass?.id ?? null }));
    const today = todayIso(this.clock(), group.school.timezone);
    const [topics, given, curriculum] = await Promise.all([
      em.find(PlanTopic, { group }, { orderBy: { number: 'asc' } }),
      em.find(Lesson, { group, date: { $lte: today } }, { fields: ['planTopic'] }),
      group.schoolClass ? em.findOne(CurriculumItem, { year: group.year, grade: group.schoolClass.grade, subject: group.subject }) : Promise.resolve(null),
    ]);
    const perTopic = new Map<string, number>();
    for (const l of given) if (l.planTopic) perTopic.set(l.planTopic.id, (perTopic.get(l.planTopic.id) ?? 0) + 1);
    return {
      group,
      summary: {
        topics: topics.map((topic) => ({ topic, lessonsGiven: perTopic.get(topic.id) ?? 0 })),
        plannedHours: topics.reduce((sum, t) => sum + t.hours, 0),
        curriculumHours: curriculum ? Number(curriculum.hoursPerWeek) * TEACHING_WEEKS : null,
        lessonsGiven: given.length,
        lessonsWithoutTopic: given.filter((l) => !l.planTopic).length,
      },
    };
  }

  async remarkOnJournal(em: EntityManager, viewer: Viewer, groupId: string, text: string): Promise<JournalRemark> {
    const group = await em.findOneOrFail(StudyGroup, groupId);
    const now = this.clock();
    const remark = em.create(JournalRemark, { school: group.school, group, author: em.getReference(User, viewer.userId), text: text.trim(), createdAt: now });
    audit(em, viewer, { action: 'journalRemark.add', entity: 'JournalRemark', entityId: remark.id, schoolId: group.school.id }, now);
    await em.flush();
    return remark;
  }

  async resolveJournalRemark(em: EntityManager, viewer: Viewer, remarkId: string, resolution: string): Promise<JournalRemark> {
    const remark = await em.findOneOrFail(JournalRemark, remarkId, { populate: ['group'] });
    const alreadyResolved = () => badInput('ALREADY_RESOLVED', 'The remark is already resolved.');
    if (remark.resolvedAt) throw alreadyResolved();
    // Of concurrent resolutions the first stands: its text is not overwritten by the second.
    const now = this.clock();
    const change = { resolvedAt: now, resolvedBy: viewer.userId, resolution: resolution.trim() };
    return updateWhile(em, JournalRemark, remark, { resolvedAt: null }, change, alreadyResolved, (tx) =>
      audit(tx, viewer, { action: 'journalRemark.resolve', entity: 'JournalRemark', entityId: remark.id, schoolId: remark.school.id }, now),
    );
  }

  /**
   * R-J7: tells the parents (through the diary and its live events) that the period mark will be below the average,
   * and why. One read (shared with the write rule) and one write (journal.writes.sql.ts).
   */
  async announceIntendedMark(
    em: EntityManager,
    viewer: Viewer,
    input: { groupId: string; studentId: string; periodId: string; intendedMark: number; reason: string },
  ): Promise<IntendedMarkNoticeType> {
    const now = this.clock();
    const target = await readIntendedMarkTarget(em, input, now);
    if (!target) throw notFound('No such group.');
    const { periodId } = target;
    if (!periodId) throw badInput('PERIOD_NOT_OF_YEAR', "The period is not a period of the group's year.", 'periodId');
    const avg = weightedAverage(target.marks);
    if (!avg) throw badInput('NO_MARKS_YET', 'The student has no marks in the period yet: there is no average to fall below.', 'studentId');
    if (input.intendedMark >= roundHalfUp(avg)) {
      throw badInput('NOT_BELOW_AVERAGE', `${input.intendedMark} is not below the average ${formatAverage(avg)}: no notice is needed.`, 'intendedMark');
    }
    const notice = { intendedPoints: input.intendedMark, average: formatAverage(avg), reason: input.reason.trim() };
    // The notice of this student, group and period, once written (a replacement keeps the first one's id).
    const answer = Object.assign(new IntendedMarkNoticeType(), {
      intendedMark: notice.intendedPoints,
      average: notice.average,
      reason: notice.reason,
      lessonsLeft: target.lessonsLeft,
      inTime: target.lessonsLeft >= NOTICE_LESSONS_BEFORE_END,
      createdAt: now,
      schoolId: target.schoolId,
      studentId: input.studentId,
      groupId: target.groupId,
      classId: target.classId,
      subjectName: target.subjectName,
      periodId,
    });
    answer.id = await upsertIntendedMarkNotice(
      em,
      { viewer, schoolId: target.schoolId, at: now },
      {
        target: { ...target, periodId },
        studentId: input.studentId,
        ...notice,
        auditData: { ...input },
      },
      answer,
    );
    return answer;
  }

  /** Period marks below the rounded average that parents were not told of in time (R-J7), for the administration. */
  async noticeProblems(em: EntityManager, viewer: Viewer, periodId: string) {
    const period = await em.findOne(ReportingPeriod, periodId);
    if (!period || !isStaffOf(viewer, period.school.id)) throw notFound('No such period.');
    ensure(canAdministerSchool(viewer, period.school.id), 'This control is for the administration.');
    const finals = await em.find(FinalMark, { period, kind: FinalMarkKind.PERIOD, points: { $ne: null } }, { populate: ['student', 'group'] });
    const marks = await em.find(Mark, { period, ...COUNTED_MARKS, points: { $ne: null } });
    const notices = await em.find(IntendedMarkNotice, { period });
    return finals.flatMap((f) => {
      const avg = weightedAverage(
        marks.filter((m) => m.student.id === f.student.id && m.group.id === f.group.id).map((m) => ({ points: m.points!, weight: m.weight })),
      );
      if (!avg || f.points! >= roundHalfUp(avg)) return [];
      const notice = notices.find((n) => n.student.id === f.student.id && n.group.id === f.group.id);
      if (notice && notice.lessonsLeft >= NOTICE_LESSONS_BEFORE_END) return [];
      return [{ final: f, average: formatAverage(avg), late: !!notice }];
    });
  }
}
