/**
 * Issue 17: the year transition (перевод учащихся, переводной приказ). The preview reads, in a fixed number
 * of statements whatever the size of the school, each class of the year, the class of the next year it
 * becomes (5А → 6А, with its class teacher), its pupils with their academic debts (an annual mark of 2,
 * Н/А or незачёт) and a decision for each: promoted, graduated after the 11th; a pupil with debts has none
 * until the administrator gives one. The commit makes the same plan with the administrator's decisions and
 * writes it in the mutation's transaction: the next year's classes and whole-class groups, the enrolments
 * (the year's end on the day before the next year starts, the new ones from its first day), a movement per
 * pupil with its audit row and outbox event, and closes the year when asked.
 *
 * It runs once: the commit first inserts the `year_transition` row, unique by the year, so a second commit
 * (or two at the same moment: the second waits for the first and then violates the key) is refused by the
 * database with ALREADY_PROMOTED, and the refused transaction writes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids.js';
import { badInput, conflict } from '../../kernel/errors.js';
import { eventColumns } from '../../kernel/events.js';
import type { Reason } from '../../kernel/reasons.js';
import { STAFF_ROLES } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { addDays, todayIso } from '../../kernel/dates.js';
import { audit } from '../../kernel/audit.js';
import { convertPoints, GradingScale } from './grading.js';
import { outboxStamp } from '../../realtime/domain-event.entity.js';
import { MovementKind } from './movement-kind.js';
import { grantOnce } from './staff.js';
import { Role } from '../../policy/roles.js';
import { fullName } from './user.entity.js';
import { YEAR_TRANSITION_UNIQUE } from './year-transition.entity.js';
import {
  PromotionDecision,
  type CommitYearTransitionInput,
  type YearTransitionClassType,
  type YearTransitionInput,
  type YearTransitionPupilType,
} from './year-transition.types.js';
import { inForceSql } from '../../kernel/in-force.js';

/** The last grade of a school: its pupils graduate. */
const LAST_GRADE = 11;
/** The last grade of basic education: a pupil may leave with the basic certificate (the school decides per pupil). */
const BASIC_LAST_GRADE = 9;

const { PROMOTE, PROMOTE_CONDITIONALLY, REPEAT, GRADUATE, LEAVE } = PromotionDecision;

/** The decisions a grade allows. */
export function decisionsFor(grade: number): PromotionDecision[] {
  if (grade >= LAST_GRADE) return [GRADUATE, REPEAT, LEAVE];
  if (grade === BASIC_LAST_GRADE) return [PROMOTE, PROMOTE_CONDITIONALLY, REPEAT, GRADUATE, LEAVE];
  return [PROMOTE, PROMOTE_CONDITIONALLY, REPEAT, LEAVE];
}

const MOVEMENT_OF: Record<PromotionDecision, MovementKind> = {
  PROMOTE: MovementKind.PROMOTION,
  PROMOTE_CONDITIONALLY: MovementKind.CONDITIONAL_PROMOTION,
  REPEAT: MovementKind.REPETITION,
  GRADUATE: MovementKind.GRADUATION,
  LEAVE: MovementKind.DEPARTURE,
};

/** An annual mark that is an academic debt: not attested, failed, or 2 and below on the five-point scale. */
export function isDebt(mark: { value: string; points: number | null; scale: GradingScale }): boolean {
  if (mark.value === 'Н/А' || mark.value === 'незач') return true;
  if (mark.points === null || mark.scale === GradingScale.PASS_FAIL) return false;
  return convertPoints(mark.points, mark.scale, GradingScale.FIVE_POINT) <= 2;
}

export interface YearFacts {
  id: string;
  schoolId: string;
  /** The school's (`School.timezone`): whether the year is over is judged on its calendar. */
  timeZone: string;
  name: string;
  startsOn: string;
  endsOn: string;
  closed: boolean;
  /** The last day of the year's last reporting period (the year's end without periods). */
  lastDay: string;
  next: { id: string; name: string; startsOn: string; endsOn: string; closed: boolean; periods: number; classes: string[] } | null;
  /** The order of the transition already made. */
  done: { orderNumber: string; orderDate: string } | null;
}

interface YearRow {
  id: string;
  schoolId: string;
  timeZone: string;
  name: string;
  startsOn: string;
  endsOn: string;
  closed: boolean;
  lastDay: string;
  nextId: string | null;
  nextName: string | null;
  nextStartsOn: string | null;
  nextEndsOn: string | null;
  nextClosed: boolean | null;
  nextPeriods: number;
  nextClasses: string[];
  orderNumber: string | null;
  orderDate: string | null;
}

/** The year, the year after it (its periods and classes) and the transition already made: one statement. */
export async function readYearFacts(em: EntityManager, yearId: string): Promise<YearFacts | null> {
  const [row] = await em.execute<YearRow[]>(
    `select y.id, y.school_id as "schoolId", (select s.timezone from school s where s.id = y.school_id) as "timeZone", y.name, y.starts_on::text as "startsOn", y.ends_on::text as "endsOn", y.closed_at is not null as closed,
       coalesce((select max(p.ends_on) from reporting_period p where p.year_id = y.id), y.ends_on)::text as "lastDay",
       n.id as "nextId", n.name as "nextName", n.starts_on::text as "nextStartsOn", n.ends_on::text as "nextEndsOn", n.closed_at is not null as "nextClosed",
       (select count(*)::int from reporting_period p where p.year_id = n.id) as "nextPeriods",
       array(select c.grade::text || c.letter from school_class c where c.year_id = n.id) as "nextClasses",
       t.order_number as "orderNumber", t.order_date::text as "orderDate"
     from academic_year y
     left join lateral (select * from academic_year n where n.school_id = y.school_id and n.starts_on > y.ends_on order by n.starts_on limit 1) n on true
     left join year_transition t on t.from_year_id = y.id
     where y.id = ?`,
    [yearId],
  );
  if (!row) return null;
  const next =
    row.nextId === null
      ? null
      : {
          id: row.nextId,
          name: row.nextName!,
          startsOn: row.nextStartsOn!,
          endsOn: row.nextEndsOn!,
          closed: !!row.nextClosed,
          periods: row.nextPeriods,
          classes: row.nextClasses,
        };
  const done = row.orderNumber === null ? null : { orderNumber: row.orderNumber, orderDate: row.orderDate! };
  return {
    id: row.id,
    schoolId: row.schoolId,
    timeZone: row.timeZone,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    closed: row.closed,
    lastDay: row.lastDay,
    next,
    done,
  };
}

interface PupilRow {
  classId: string;
  grade: number;
  letter: string;
  teacherId: string | null;
  teacherLastName: string | null;
  teacherFirstName: string | null;
  teacherMiddleName: string | null;
  studentId: string | null;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
}

interface DebtRow {
  studentId: string;
  subjectName: string;
  value: string;
  points: number | null;
  scale: GradingScale;
}

/** One class of the plan, with what the commit needs beyond what the preview shows. */
export interface PlannedClass extends YearTransitionClassType {
  grade: number;
  letter: string;
  classTeacherId: string | null;
  pupils: (YearTransitionPupilType & { toGrade: number | null; toLetter: string })[];
}

export interface Plan {
  year: YearFacts;
  classes: PlannedClass[];
  /** Reason codes of what stops the commit now, in the order the commit reports them. */
  problems: Reason[];
}

/**
 * The plan of the transition with the administrator's decisions: three statements (the year, its classes
 * with their pupils, the year's failing annual marks), whatever the number of classes and pupils.
 */
export async function planTransition(em: EntityManager, input: YearTransitionInput, now: Date, year?: YearFacts): Promise<Plan> {
  const facts = year ?? (await readYearFacts(em, input.yearId));
  if (!facts) throw badInput('NOT_FOUND', 'No such academic year.', 'yearId');
  const [rows, debtRows] = await Promise.all([
    em.execute<PupilRow[]>(
      `select c.id as "classId", c.grade, c.letter, t.id as "teacherId", t.last_name as "teacherLastName", t.first_name as "teacherFirstName",
         t.middle_name as "teacherMiddleName", s.id as "studentId", s.last_name as "lastName", s.first_name as "firstName", s.middle_name as "middleName"
       from school_class c
       left join app_user t on t.id = c.class_teacher_id and exists (
         select 1 from role_grant g where g.user_id = t.id and g.school_id = c.school_id and g.revoked_at is null and g.role::text = any(?::text[]))
       left join enrolment e on e.school_class_id = c.id and e.ends_on is null
       left join app_user s on s.id = e.student_id
       where c.year_id = ?
       order by c.grade, c.letter, s.last_name, s.first_name, s.middle_name, s.id`,
      [`{${STAFF_ROLES.join(',')}}`, facts.id],
    ),
    em.execute<DebtRow[]>(
      `select f.student_id as "studentId", s.name as "subjectName", f.value, f.points, g.scale
       from final_mark f join study_group g on g.id = f.group_id join subject s on s.id = f.subject_id
       where g.year_id = ? and f.kind = 'ANNUAL' and f.value is not null
       order by s.name, s.id`,
      [facts.id],
    ),
  ]);
  const debts = new Map<string, { subjectName: string; value: string; schoolId: string }[]>();
  for (const d of debtRows) {
    if (!isDebt(d)) continue;
    debts.set(d.studentId, [...(debts.get(d.studentId) ?? []), { subjectName: d.subjectName, value: d.value, schoolId: facts.schoolId }]);
  }

  const decided = new Map((input.decisions ?? []).map((d) => [d.studentId, d.decision]));
  const nextClasses = new Set(facts.next?.classes ?? []);
  const classes = new Map<string, PlannedClass>();
  for (const r of rows) {
    let c = classes.get(r.classId);
    if (!c) {
      const toClassName = r.grade < LAST_GRADE ? `${r.grade + 1}${r.letter}` : null;
      c = {
        fromClassId: r.classId,
        fromClassName: `${r.grade}${r.letter}`,
        toClassName,
        toClassExists: !!toClassName && nextClasses.has(toClassName),
        classTeacherId: r.teacherId,
        classTeacherName: r.teacherId ? fullName({ lastName: r.teacherLastName!, firstName: r.teacherFirstName!, middleName: r.teacherMiddleName }) : null,
        grade: r.grade,
        letter: r.letter,
        pupils: [],
        schoolId: facts.schoolId,
      };
      classes.set(r.classId, c);
    }
    if (!r.studentId) continue;
    const pupilDebts = debts.get(r.studentId) ?? [];
    const allowed = decisionsFor(r.grade);
    const suggested = pupilDebts.length ? null : r.grade >= LAST_GRADE ? GRADUATE : PROMOTE;
    const decision = decided.get(r.studentId) ?? suggested;
    decided.delete(r.studentId);
    const name = fullName({ lastName: r.lastName!, firstName: r.firstName!, middleName: r.middleName });
    if (decision && !allowed.includes(decision)) {
      throw badInput('DECISION_NOT_FOR_GRADE', `${decision} is not a decision for ${name} of the ${r.grade}th grade.`, 'decisions');
    }
    const toGrade = decision === PROMOTE || decision === PROMOTE_CONDITIONALLY ? r.grade + 1 : decision === REPEAT ? r.grade : null;
    c.pupils.push({
      studentId: r.studentId,
      fullName: name,
      debts: pupilDebts,
      suggested,
      decision,
      allowed,
      toClassName: toGrade === null ? null : `${toGrade}${r.letter}`,
      toGrade,
      toLetter: r.letter,
      schoolId: facts.schoolId,
    });
  }
  if (decided.size) throw badInput('STUDENT_NOT_IN_YEAR', 'A decision names a student who is not in a class of this year at its end.', 'decisions');

  const problems: Reason[] = [];
  if (facts.done) problems.push('ALREADY_PROMOTED');
  if (todayIso(now, facts.timeZone) <= facts.lastDay) problems.push('YEAR_NOT_ENDED');
  if (!facts.next) problems.push('NEXT_YEAR_MISSING');
  else if (facts.next.closed) problems.push('YEAR_CLOSED');
  else if (!facts.next.periods) problems.push('NEXT_YEAR_WITHOUT_PERIODS');
  if ([...classes.values()].some((c) => c.pupils.some((p) => !p.decision))) problems.push('DECISION_REQUIRED');
  return { year: facts, classes: [...classes.values()], problems };
}

const PROBLEM_MESSAGES: Partial<Record<Reason, (plan: Plan) => string>> = {
  YEAR_NOT_ENDED: (p) => `The year ${p.year.name} is not over: its last period ends on ${p.year.lastDay}.`,
  NEXT_YEAR_MISSING: (p) => `There is no year after ${p.year.name}: plan it first (createAcademicYear).`,
  YEAR_CLOSED: (p) => `The next year ${p.year.next?.name} is closed.`,
  NEXT_YEAR_WITHOUT_PERIODS: (p) => `The next year ${p.year.next?.name} has no reporting periods.`,
  DECISION_REQUIRED: (p) => {
    const undecided = p.classes.flatMap((c) => c.pupils.filter((x) => !x.decision).map((x) => `${x.fullName} (${c.fromClassName})`));
    return `${undecided.length} pupil(s) with academic debts have no decision: ${undecided.slice(0, 5).join(', ')}.`;
  },
};

export interface TransitionResult {
  classesCreated: number;
  groupsCreated: number;
  counts: Record<PromotionDecision, number>;
}

/** The unique key a second commit violates (year_transition.entity.ts). */
const isAlreadyDone = (error: unknown) => {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === YEAR_TRANSITION_UNIQUE;
};

/** Commits the transition in the mutation's transaction (`em`); any refusal rolls all of it back. */
export async function commitTransition(
  em: EntityManager,
  viewer: Viewer,
  input: CommitYearTransitionInput,
  now: Date,
): Promise<{ plan: Plan; result: TransitionResult }> {
  const year = await readYearFacts(em, input.yearId);
  if (!year) throw badInput('NOT_FOUND', 'No such academic year.', 'yearId');
  const next = year.next;
  if (!next) throw badInput('NEXT_YEAR_MISSING', PROBLEM_MESSAGES.NEXT_YEAR_MISSING!({ year, classes: [], problems: [] }));
  const schoolId = year.schoolId;
  const orderNumber = input.orderNumber.trim();

  // The claim first: the unique key on the year decides who makes the transition, once.
  try {
    await em.execute(
      `insert into year_transition (id, school_id, from_year_id, to_year_id, order_number, order_date, done_by_id, done_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), schoolId, year.id, next.id, orderNumber, input.orderDate, viewer.userId, now],
    );
  } catch (error) {
    if (isAlreadyDone(error)) throw conflict(`The pupils of ${year.name} have already been promoted.`, undefined, 'ALREADY_PROMOTED');
    throw error;
  }

  const plan = await planTransition(em, input, now, { ...year, done: null });
  const problem = plan.problems[0];
  if (problem) throw badInput(problem, PROBLEM_MESSAGES[problem]!(plan), problem === 'DECISION_REQUIRED' ? 'decisions' : 'yearId');

  const lastDay = addDays(next.startsOn, -1);
  const pupils = plan.classes.flatMap((c) => c.pupils.map((p) => ({ ...p, fromClass: c })));

  // The next year's classes: each class moves up a grade with its class teacher; a repeating pupil's class is
  // the same grade's (made without a class teacher when no class moves into it).
  const targets = new Map<string, { grade: number; letter: string; teacher: string | null; source: string }>();
  for (const c of plan.classes) {
    if (c.grade < LAST_GRADE)
      targets.set(`${c.grade + 1}${c.letter}`, { grade: c.grade + 1, letter: c.letter, teacher: c.classTeacherId, source: c.fromClassId });
  }
  for (const p of pupils) {
    const key = `${p.toGrade}${p.toLetter}`;
    if (p.toGrade !== null && !targets.has(key)) targets.set(key, { grade: p.toGrade, letter: p.toLetter, teacher: null, source: p.fromClass.fromClassId });
  }
  const wanted = JSON.stringify([...targets.values()]);
  const created = await em.execute<{ id: string; teacher: string | null }[]>(
    `insert into school_class (id, school_id, year_id, grade, letter, class_teacher_id)
     select uuidv7(), ?, ?, x.grade, x.letter, x.teacher from jsonb_to_recordset(?::jsonb) as x(grade int, letter text, teacher uuid)
     on conflict (year_id, grade, letter) do nothing
     returning id, class_teacher_id as teacher`,
    [schoolId, next.id, wanted],
  );
  // The class-teacher role follows the assignment (as createClass): once per person, a statement per class teacher.
  for (const teacher of new Set(created.flatMap((c) => (c.teacher ? [c.teacher] : [])))) await grantOnce(em, teacher, schoolId, Role.CLASS_TEACHER, now);

  // Whole-class groups: the next year's curriculum of the grade, else the subjects the class learnt as a whole
  // this year; each keeps its teacher while they are still on the staff.
  const [groups] = await em.execute<{ created: number }[]>(
    `with target as (
       select c.id, c.grade, c.grade::text || c.letter as name, x.source
       from jsonb_to_recordset(?::jsonb) as x(grade int, letter text, source uuid)
       join school_class c on c.year_id = ? and c.grade = x.grade and c.letter = x.letter),
     old as (select g.id, g.school_class_id as class_id, g.subject_id, g.scale from study_group g
       where g.kind = 'WHOLE_CLASS' and g.school_class_id in (select source from target)),
     wanted as (
       select t.id as class_id, t.name, ci.subject_id,
         coalesce((select o.scale from old o where o.class_id = t.source and o.subject_id = ci.subject_id), 'FIVE_POINT'::grading_scale) as scale
       from target t join curriculum_item ci on ci.year_id = ? and ci.grade = t.grade
       union all
       select t.id, t.name, o.subject_id, o.scale from target t join old o on o.class_id = t.source
       where not exists (select 1 from curriculum_item ci where ci.year_id = ? and ci.grade = t.grade)),
     created as (
       insert into study_group (id, school_id, year_id, subject_id, school_class_id, kind, scale, name, created_at)
       select uuidv7(), ?, ?, w.subject_id, w.class_id, 'WHOLE_CLASS', w.scale, w.name, ? from wanted w
       on conflict do nothing
       returning id, school_class_id, subject_id),
     taught as (
       insert into teaching_assignment (id, school_id, group_id, teacher_id, starts_on)
       select uuidv7(), ?, n.id, a.teacher_id, ?::date
       from created n join target t on t.id = n.school_class_id
       join old o on o.class_id = t.source and o.subject_id = n.subject_id
       join teaching_assignment a on a.group_id = o.id and a.ends_on is null
       where exists (select 1 from role_grant r where r.user_id = a.teacher_id and r.school_id = ? and r.role = 'TEACHER' and r.revoked_at is null)
       returning id)
     select (select count(*)::int from created) as created, (select count(*) from taught) as taught`,
    [wanted, next.id, next.id, next.id, schoolId, next.id, now, schoolId, next.startsOn, schoolId],
  );

  // This year's enrolments end on the day before the next year starts (the summer stays the class's); the
  // year's explicit group memberships end with it.
  const ended = await em.execute<{ studentId: string }[]>(
    `update enrolment e set ends_on = ?::date
     where e.ends_on is null and e.student_id = any(?::uuid[]) and e.school_class_id in (select id from school_class where year_id = ?)
     returning e.student_id as "studentId"`,
    [lastDay, `{${pupils.map((p) => p.studentId).join(',')}}`, year.id],
  );
  if (ended.length !== pupils.length) throw conflict('A pupil moved while the transition was made: preview it again.');
  await em.execute(
    // The memberships still running after the last day (in force on it, the end exclusive: not already ending then).
    `update group_member m set ends_on = ?::date
     where m.group_id in (select id from study_group where year_id = ?) and ${inForceSql('m', '?::date', { end: 'exclusive' })}`,
    [lastDay, year.id, lastDay, lastDay],
  );

  // A movement per pupil by the order, with its enrolment in the next year's class, audit row and outbox event.
  const moves = pupils.map((p) => {
    const kind = MOVEMENT_OF[p.decision!];
    const leaving = p.toGrade === null;
    return {
      movement: newId(),
      student: p.studentId,
      kind,
      fromClass: p.fromClass.fromClassId,
      toGrade: p.toGrade,
      toLetter: p.toLetter,
      effective: leaving ? lastDay : next.startsOn,
      audit: {
        kind,
        studentId: p.studentId,
        effectiveOn: leaving ? lastDay : next.startsOn,
        orderNumber,
        orderDate: input.orderDate,
        fromClass: p.fromClass.fromClassName,
        toClass: p.toClassName,
      },
    };
  });
  await em.execute(
    `with d as (select * from jsonb_to_recordset(?::jsonb)
       as x(movement uuid, student uuid, kind movement_kind, "fromClass" uuid, "toGrade" int, "toLetter" text, effective date, audit jsonb)),
     placed as (select d.*, c.id as to_class from d left join school_class c on c.year_id = ? and c.grade = d."toGrade" and c.letter = d."toLetter"),
     enrolled as (insert into enrolment (id, school_id, student_id, school_class_id, starts_on)
       select uuidv7(), ?, p.student, p.to_class, ?::date from placed p where p.to_class is not null returning id),
     moved as (insert into student_movement (id, school_id, student_id, kind, effective_on, order_number, order_date, from_class_id, to_class_id, recorded_by_id, recorded_at)
       select p.movement, ?, p.student, p.kind, p.effective, ?, ?::date, p."fromClass", p.to_class, ?, ? from placed p returning id),
     audited as (insert into audit_event (school_id, actor_id, action, entity, entity_id, data, at, session_id, ip)
       select ?, ?, 'movement.record', 'StudentMovement', p.movement, p.audit, ?, ?, ? from placed p),
     announced as (insert into domain_event (school_id, student_id, group_id, type, payload, at)
       select ?, p.student, null, ${eventColumns('student.moved', { movementId: 'p.movement', kind: 'p.kind', toClassId: 'p.to_class' })}, ? from placed p)
     select (select count(*) from enrolled) as enrolled, (select count(*) from moved) as moved`,
    [
      JSON.stringify(moves),
      next.id,
      schoolId,
      next.startsOn,
      schoolId,
      orderNumber,
      input.orderDate,
      viewer.userId,
      now,
      schoolId,
      viewer.userId,
      now,
      viewer.sessionId,
      viewer.ip ?? null,
      schoolId,
      outboxStamp(),
    ],
  );

  const counts = Object.fromEntries(Object.values(PromotionDecision).map((d) => [d, pupils.filter((p) => p.decision === d).length])) as Record<
    PromotionDecision,
    number
  >;
  const result: TransitionResult = { classesCreated: created.length, groupsCreated: groups?.created ?? 0, counts };
  audit(
    em,
    viewer,
    {
      action: 'year.transition',
      entity: 'AcademicYear',
      entityId: year.id,
      schoolId,
      data: {
        toYear: next.name,
        orderNumber,
        orderDate: input.orderDate,
        classesCreated: result.classesCreated,
        groupsCreated: result.groupsCreated,
        ...counts,
      },
    },
    now,
  );
  if (input.closeYear) {
    const [closed] = await em.execute<{ id: string }[]>(`update academic_year set closed_at = ? where id = ? and closed_at is null returning id`, [
      now,
      year.id,
    ]);
    if (closed) audit(em, viewer, { action: 'year.close', entity: 'AcademicYear', entityId: year.id, schoolId }, now);
  }
  await em.flush();
  return { plan, result };
}
