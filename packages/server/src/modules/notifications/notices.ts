/**
 * What an outbox event tells whom: its notice (kind, title, text) and its recipients, decided by
 * the access policy against each candidate's own Viewer: a parent is told only what their diary
 * shows them (their child, with consent), never anything about another child.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { diaryAccess, isParticipant, mayReadClassWall } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { unhandledEvent } from '../../kernel/events.js';
import type { NoticeSource } from '../../realtime/domain-event.entity.js';
import { mondayOf, todayIso } from '../../kernel/dates.js';
import { inForceOn } from '../../kernel/in-force.js';
import { viewersOfUsers } from '../auth/index.js';
import { ExamEntry, ExamKind } from '../events/index.js';
import { AttendanceStatus, FinalMark, FinalMarkKind, Mark, Remark, RemarkKind, Attendance, IntendedMarkNotice } from '../journal/index.js';
import { Conversation, ConversationParticipant, Message, WallPost } from '../messaging/index.js';
import { Enrolment, inForceAtItsSchool, shortName, User } from '../school/index.js';
import { Guardianship } from '../people/index.js';
import { NoticeKind } from './notifications.entity.js';
import { progressLines, progressText } from './parents-informed.js';

export interface Notice {
  kind: NoticeKind;
  /** Also the SMS text: short, no more personal data than needed. */
  title: string;
  body: string;
  /** Where the notice opens in the web app (its hash route, `appLink`): the diary week at the mark, the conversation… */
  url: string;
  recipients: Viewer[];
}

const ATTENDANCE_LABEL: Record<AttendanceStatus, string> = {
  PRESENT: 'присутствовал(а)',
  ILL: 'Б (болезнь)',
  EXCUSED: 'У (уважительная причина)',
  UNEXCUSED: 'Н (без уважительной причины)',
  LATE: 'опоздание',
};
const REMARK_LABEL: Record<RemarkKind, string> = { REMARK: 'Замечание', PRAISE: 'Похвала', NOTE_TO_PARENTS: 'Записка родителям' };
const FINAL_LABEL: Record<FinalMarkKind, string> = { PERIOD: 'за период', ANNUAL: 'годовая', EXAM: 'экзаменационная', FINAL: 'итоговая' };

const ru = (iso: string) => iso.split('-').reverse().join('.');
export const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A screen of the web app as its hash router takes it (packages/web/src/routing/route.ts, `parseRoute`):
 * `#/diary/<student>?week=<Monday>&highlight=<id>`, `#/diary/<student>/term?period=<id>`,
 * `#/messages/<conversation>`, `#/classes/<class>/wall`. push.test.ts parses each with that router.
 */
export function appLink(path: string[], params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return `#/${path.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}

/** The diary week that holds the lesson of `date`, with the item to highlight. */
const diaryWeekLink = (studentId: string, date: string, highlight: string) => appLink(['diary', studentId], { week: mondayOf(date), highlight });

/** The student and their parents whose diary shows the student's records today (the school's date: its links'). */
async function family(em: EntityManager, student: { id: string; schoolId: string }, now: Date): Promise<Viewer[]> {
  const parents = (await em.find(Guardianship, { student: student.id }, { populate: ['school'] })).filter((g) => inForceAtItsSchool(g, now));
  const viewers = await viewersOfUsers(em, [student.id, ...parents.map((p) => p.parent.id)], now);
  return viewers.filter((v) => diaryAccess(v, student) === 'ALLOWED');
}

/** The notice of an event, or null: a type that tells no one (the kept screens', the live streams' only), or its object is gone. */
export async function noticeOf(em: EntityManager, event: NoticeSource, now: Date): Promise<Notice | null> {
  const student = event.studentId ? { id: event.studentId, schoolId: event.schoolId } : null;
  switch (event.type) {
    case 'mark.created':
    case 'mark.changed':
    case 'mark.retracted': {
      const mark = await em.findOne(Mark, event.payload.markId, { populate: ['student', 'subject', 'workType', 'lesson'] });
      if (!mark || !student) return null;
      const who = shortName(mark.student);
      const what = `${mark.subject.name}, ${mark.workType.name}, урок ${ru(mark.lesson.date)}`;
      const url = diaryWeekLink(student.id, mark.lesson.date, mark.id);
      if (event.type === 'mark.created')
        return {
          kind: NoticeKind.MARK,
          title: `${who}: оценка ${mark.value} по предмету «${mark.subject.name}»`,
          body: `Новая оценка ${mark.value}: ${what}.`,
          url,
          recipients: await family(em, student, now),
        };
      if (event.type === 'mark.changed')
        return {
          kind: NoticeKind.MARK,
          title: `${who}: оценка по предмету «${mark.subject.name}» изменена`,
          body: `Оценка изменена: ${event.payload.oldValue} → ${mark.value} (${what}). Причина видна в истории оценки.`,
          url,
          recipients: await family(em, student, now),
        };
      return {
        kind: NoticeKind.MARK,
        title: `${who}: оценка по предмету «${mark.subject.name}» отменена`,
        body: `Оценка ${mark.value} отменена (${what}).`,
        url,
        recipients: await family(em, student, now),
      };
    }
    case 'attendance.changed': {
      const entry = await em.findOne(
        Attendance,
        { lesson: event.payload.lessonId, student: event.studentId },
        { populate: ['student', 'lesson.group.subject'] },
      );
      if (!entry || !student) return null;
      return {
        kind: NoticeKind.ATTENDANCE,
        title: `${shortName(entry.student)}: ${ATTENDANCE_LABEL[entry.status]}`,
        body: `Посещаемость: ${ATTENDANCE_LABEL[entry.status]} — ${entry.lesson.group.subject.name}, урок ${ru(entry.lesson.date)}.`,
        url: diaryWeekLink(student.id, entry.lesson.date, entry.id),
        recipients: await family(em, student, now),
      };
    }
    case 'remark.added': {
      const remark = await em.findOne(Remark, event.payload.remarkId, { populate: ['student', 'lesson.group.subject'] });
      if (!remark || !student) return null;
      return {
        kind: NoticeKind.REMARK,
        title: `${shortName(remark.student)}: ${REMARK_LABEL[remark.kind].toLowerCase()} — ${remark.lesson.group.subject.name}`,
        body: `${REMARK_LABEL[remark.kind]} (${remark.lesson.group.subject.name}, ${ru(remark.lesson.date)}): ${remark.text}`,
        url: diaryWeekLink(student.id, remark.lesson.date, remark.id),
        recipients: await family(em, student, now),
      };
    }
    case 'finalMark.set': {
      const mark = await em.findOne(FinalMark, event.payload.finalMarkId, { populate: ['student', 'subject', 'period'] });
      if (!mark || !student) return null;
      const value = mark.value ?? (mark.postponedUntil ? `аттестация перенесена до ${ru(mark.postponedUntil)}` : '—');
      return {
        kind: NoticeKind.FINAL_MARK,
        title: `${shortName(mark.student)}: оценка ${FINAL_LABEL[mark.kind]} по предмету «${mark.subject.name}»`,
        body: `Оценка ${FINAL_LABEL[mark.kind]}${mark.period ? ` (${mark.period.number}-й период)` : ''} — ${mark.subject.name}: ${value}.`,
        url: appLink(['diary', student.id, 'term'], { period: mark.period?.id }),
        recipients: await family(em, student, now),
      };
    }
    case 'intendedMark.announced': {
      const notice = await em.findOne(IntendedMarkNotice, event.payload.noticeId, { populate: ['student', 'group.subject'] });
      if (!notice || !student) return null;
      return {
        kind: NoticeKind.MARK_WARNING,
        title: `${shortName(notice.student)}: прогноз ${notice.intendedPoints} за период — ${notice.group.subject.name}`,
        body: `Учитель предупреждает: за период по предмету «${notice.group.subject.name}» ожидается ${notice.intendedPoints} (средний балл ${notice.average}). Причина: ${notice.reason}. До конца периода уроков: ${notice.lessonsLeft}.`,
        url: appLink(['diary', student.id, 'term'], { period: notice.period.id }),
        recipients: await family(em, student, now),
      };
    }
    case 'progress.report': {
      // Issue 18, 003 §2.2.2: the family's fortnightly report (parents-informed.ts); the parents whose diary shows the pupil.
      if (!student) return null;
      const pupil = await em.findOne(User, student.id);
      if (!pupil) return null;
      const [from, to] = [event.payload.from, event.payload.to];
      const lines = (await progressLines(em, [student.id], from, to)).get(student.id)!;
      return {
        kind: NoticeKind.PROGRESS_REPORT,
        title: `${shortName(pupil)}: успеваемость и посещаемость за ${ru(from)}–${ru(to)}`,
        body: progressText(lines),
        url: appLink(['diary', student.id], { week: mondayOf(to) }),
        recipients: (await family(em, student, now)).filter((v) => v.userId !== student.id),
      };
    }
    case 'exam.result': {
      const exam = await em.findOne(ExamEntry, event.payload.examId, { populate: ['student', 'subject'] });
      if (!exam || !student) return null;
      return {
        kind: NoticeKind.EXAM_RESULT,
        title: `${shortName(exam.student)}: результат экзамена — ${exam.subject.name}`,
        body: `${exam.kind === ExamKind.OGE ? 'ОГЭ' : 'ЕГЭ'}, ${exam.subject.name}: ${exam.score} баллов${exam.mark ? `, оценка ${exam.mark}` : ''}.`,
        url: appLink(['diary', student.id, 'term']),
        recipients: await family(em, student, now),
      };
    }
    case 'message.received':
    case 'conversation.overdue': {
      const conversation = await em.findOne(Conversation, event.payload.conversationId, { populate: ['school'] });
      if (!conversation) return null;
      const participants = await em.find(ConversationParticipant, { conversation: event.payload.conversationId });
      const recipients = (await viewersOfUsers(em, [event.payload.recipientId], now)).filter((v) =>
        isParticipant(v, { participantIds: participants.map((x) => x.user.id) }),
      );
      const url = appLink(['messages', conversation.id]);
      if (event.type === 'conversation.overdue') {
        return {
          kind: NoticeKind.OVERDUE_LETTER,
          title: `Письмо без ответа: «${conversation.subject}»`,
          body: `Письмо «${conversation.subject}» ждёт ответа с ${ru(todayIso(conversation.awaitingSince ?? now, conversation.school.timezone))}: больше 2 рабочих дней.`,
          url,
          recipients,
        };
      }
      const message = await em.findOne(Message, event.payload.messageId, { populate: ['author'] });
      if (!message || message.retractedAt) return null;
      return {
        kind: NoticeKind.MESSAGE,
        title: `Новое сообщение от ${shortName(message.author)}: «${excerpt(conversation.subject, 60)}»`,
        body: excerpt(message.body, 500),
        url: appLink(['messages', conversation.id]),
        recipients,
      };
    }
    case 'wall.posted': {
      const post = await em.findOne(WallPost, event.payload.postId, { populate: ['schoolClass', 'author', 'school'] });
      if (!post) return null;
      const day = todayIso(now, post.school.timezone);
      const studentIds = (await em.find(Enrolment, { schoolClass: post.schoolClass, ...inForceOn(day) })).map((e) => e.student.id);
      const parents = await em.find(Guardianship, { student: { $in: studentIds }, ...inForceOn(day) });
      const viewers = await viewersOfUsers(em, [...studentIds, ...parents.map((g) => g.parent.id)], now);
      return {
        kind: NoticeKind.CLASS_WALL,
        title: `Объявление для ${post.schoolClass.name} от ${shortName(post.author)}`,
        body: excerpt(post.body, 1000),
        url: appLink(['classes', post.schoolClass.id, 'wall']),
        recipients: viewers.filter((v) => mayReadClassWall(v, { schoolId: event.schoolId, studentIds })),
      };
    }
    case 'mark.confirmed':
    case 'mark.flagged':
    case 'finalMark.acknowledged':
    case 'lesson.changed':
    case 'lessons.generated':
    case 'student.moved':
    case 'message.retracted':
    case 'message.read':
    case 'unknown':
      return null;
    default:
      return unhandledEvent(event);
  }
}
