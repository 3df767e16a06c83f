/** Who and what the scenarios use, looked up in the data set by the same rules every run. */
import { sql } from './database.js';

export interface Family {
  parentId: string;
  studentId: string;
}

/** Parents with consent on record and one of their children, `count` of them, cycling when there are fewer families. */
export async function families(url: string, count: number): Promise<Family[]> {
  const rows = await sql<{ parent_id: string; student_id: string }>(
    url,
    `select distinct on (g.parent_id) g.parent_id, g.student_id
       from guardianship g join consent c on c.student_id = g.student_id and c.given_by_id = g.parent_id and c.withdrawn_at is null
      order by g.parent_id, g.student_id`,
  );
  if (!rows.length) throw new Error('the data set has no parent with consent');
  return Array.from({ length: count }, (_, i) => rows[i % rows.length]).map((r) => ({ parentId: r.parent_id, studentId: r.student_id }));
}

export interface JournalPage {
  groupId: string;
  periodId: string;
  teacherId: string;
  students: number;
  lessons: number;
}

/** The journal pages of P3: the first quarter of a group of the biggest class, by name. */
export async function journalPage(url: string, groupName: string, subject: string): Promise<JournalPage> {
  const [row] = await sql<{ group_id: string; period_id: string; teacher_id: string; students: number; lessons: number }>(
    url,
    `select g.id as group_id, p.id as period_id, min(l.teacher_id::text) as teacher_id, count(*)::int as lessons,
            (select count(*)::int from enrolment e where e.school_class_id = g.school_class_id) as students
       from study_group g join subject s on s.id = g.subject_id
       join reporting_period p on p.school_id = g.school_id and p.number = 1
       join lesson l on l.group_id = g.id and l.period_id = p.id
      where g.name = $1 and s.name = $2
      group by g.id, p.id`,
    [groupName, subject],
  );
  if (!row) throw new Error(`the data set has no ${subject} group ${groupName}`);
  return { groupId: row.group_id, periodId: row.period_id, teacherId: row.teacher_id, students: row.students, lessons: row.lessons };
}

export interface MarkTarget {
  teacherId: string;
  lessonId: string;
  studentId: string;
  schoolId: string;
  groupId: string;
  subjectId: string;
  periodId: string;
  workTypeId: string;
  workTypeCode: string;
  weight: number;
}

/**
 * The work type of every bench mark: homework, weight 1, written. A written work is due days after its lesson
 * (modules/journal/deadlines.ts: `markDueAt`), a work of the day (an oral answer) by that evening; the data set's clock
 * stands on a Saturday noon, so only a written work on the last school day's lessons is still on time.
 */
const WORK_TYPE = 'ДЗ';

/** Pupils at the lessons of the data set's last school day, with their teacher and a work type whose mark is not late. */
export async function markTargets(url: string, day: string): Promise<MarkTarget[]> {
  const rows = await sql<Record<string, string | number>>(
    url,
    `select l.teacher_id, l.id as lesson_id, e.student_id, l.school_id, l.group_id, g.subject_id, l.period_id, wt.id as work_type_id, wt.code as work_type_code, wt.weight
       from lesson l join study_group g on g.id = l.group_id and g.kind = 'WHOLE_CLASS'
       join enrolment e on e.school_class_id = g.school_class_id
       join work_type wt on wt.school_id = l.school_id and wt.code = $2 and wt.entry_days > 0
      where l.date = (select max(date) from lesson where date <= $1::date)
      order by l.id, e.student_id`,
    [day, WORK_TYPE],
  );
  return rows.map((r) => ({
    teacherId: r.teacher_id as string,
    lessonId: r.lesson_id as string,
    studentId: r.student_id as string,
    schoolId: r.school_id as string,
    groupId: r.group_id as string,
    subjectId: r.subject_id as string,
    periodId: r.period_id as string,
    workTypeId: r.work_type_id as string,
    workTypeCode: r.work_type_code as string,
    weight: Number(r.weight),
  }));
}

export interface ClassWatch {
  classId: string;
  /** Who may watch the class live: its class teacher and the school's administration. */
  watcherIds: string[];
  studentIds: Set<string>;
}

/** P6's class: the whole-class group named `groupName`, its watchers and its pupils. */
export async function classWatch(url: string, groupName: string): Promise<ClassWatch> {
  const [row] = await sql<{ class_id: string; watcher_ids: string[]; student_ids: string[] }>(
    url,
    `select c.id as class_id,
            array(select c.class_teacher_id where c.class_teacher_id is not null
                  union select r.user_id from role_grant r
                         where r.school_id = c.school_id and r.role in ('SCHOOL_ADMIN', 'DIRECTOR', 'DEPUTY_DIRECTOR') and r.revoked_at is null) as watcher_ids,
            array(select e.student_id from enrolment e where e.school_class_id = c.id) as student_ids
       from study_group g join school_class c on c.id = g.school_class_id
      where g.name = $1 and g.kind = 'WHOLE_CLASS'
      limit 1`,
    [groupName],
  );
  if (!row?.watcher_ids.length) throw new Error(`the data set has no class ${groupName} with a class teacher or an administrator`);
  return { classId: row.class_id, watcherIds: row.watcher_ids, studentIds: new Set(row.student_ids) };
}
