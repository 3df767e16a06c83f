/**
 * Issue 18 (seed 003 §1.1): обучение на дому (ОВЗ). Those who keep student records (the secretary and the
 * administration, people.policy.ts) start and end it; the journal leaves such a pupil out while it is in
 * force (journal.queries.ts, journal.writes.sql.ts). Each write is one statement deciding the race (the
 * open period's unique index, or `ends_on is null`), with its audit row in the same transaction; the
 * table's trigger tells every process to read its kept screens again.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { todayIso } from '../../kernel/dates.js';
import { audit } from '../../kernel/audit.js';
import { HomeSchooling } from './home-schooling.entity.js';
import { HomeSchoolingType, type EndHomeSchoolingInput, type StartHomeSchoolingInput } from './home-schooling.types.js';
import { studentPlacement } from './people.service.js';

interface Row {
  id: string;
  startsOn: string;
  endsOn: string | null;
  schoolId: string;
  studentId: string;
}

const RETURNING = `returning id, starts_on::text as "startsOn", ends_on::text as "endsOn", school_id as "schoolId", student_id as "studentId"`;

async function typed(em: EntityManager, row: Row, today: string): Promise<HomeSchoolingType> {
  const place = await studentPlacement(em, row.studentId, today);
  return Object.assign(new HomeSchoolingType(), { ...row, classId: place?.classId ?? null });
}

export async function startHomeSchooling(em: EntityManager, viewer: Viewer, input: StartHomeSchoolingInput, now: Date): Promise<HomeSchoolingType> {
  return em.transactional(async (tx) => {
    // The write rule found the pupil in a school; a period still open, or one reaching past `startsOn`, refuses it.
    const place = await studentPlacement(tx, input.studentId, todayIso(now, viewer.timeZone));
    const [row] = await tx.execute<Row[]>(
      `insert into home_schooling (id, school_id, student_id, starts_on, set_by_id, set_at)
       select uuidv7(), ?, ?, ?, ?, ?
        where not exists (select 1 from home_schooling h where h.student_id = ? and (h.ends_on is null or h.ends_on >= ?))
       on conflict (student_id) where ends_on is null do nothing ${RETURNING}`,
      [place!.schoolId, input.studentId, input.startsOn, viewer.userId, now, input.studentId, input.startsOn],
    );
    if (!row) throw conflict('Home schooling is already recorded for the pupil on or after this day.', undefined, 'ALREADY_HOME_SCHOOLED');
    audit(
      tx,
      viewer,
      {
        action: 'homeSchooling.start',
        entity: 'HomeSchooling',
        entityId: row.id,
        schoolId: row.schoolId,
        data: { studentId: row.studentId, startsOn: row.startsOn },
      },
      now,
    );
    await tx.flush();
    return typed(tx, row, todayIso(now, viewer.timeZone));
  });
}

export async function endHomeSchooling(em: EntityManager, viewer: Viewer, input: EndHomeSchoolingInput, now: Date): Promise<HomeSchoolingType> {
  return em.transactional(async (tx) => {
    const period = await tx.findOne(HomeSchooling, input.homeSchoolingId);
    if (period && input.endsOn < period.startsOn) {
      throw badInput('ENDS_BEFORE_START', `Home schooling began on ${period.startsOn}: it cannot end before.`, 'endsOn');
    }
    const [row] = await tx.execute<Row[]>(`update home_schooling set ends_on = ? where id = ? and ends_on is null ${RETURNING}`, [
      input.endsOn,
      input.homeSchoolingId,
    ]);
    if (!row) throw conflict('This home schooling has already ended.', undefined, 'HOME_SCHOOLING_ENDED');
    audit(
      tx,
      viewer,
      {
        action: 'homeSchooling.end',
        entity: 'HomeSchooling',
        entityId: row.id,
        schoolId: row.schoolId,
        data: { studentId: row.studentId, endsOn: row.endsOn },
      },
      now,
    );
    await tx.flush();
    return typed(tx, row, todayIso(now, viewer.timeZone));
  });
}

/** A pupil's home schooling periods, latest first (the type rule shows them to those who keep the pupil's records). */
/** `today`: the viewer's (policy/context.ts `viewerToday`), whose school keeps the pupil's records. */
export async function listHomeSchooling(em: EntityManager, studentId: string, today: string): Promise<HomeSchoolingType[]> {
  const rows = await em.find(HomeSchooling, { student: studentId }, { orderBy: { startsOn: 'desc' } });
  if (!rows.length) return [];
  const place = await studentPlacement(em, studentId, today);
  return rows.map((h) =>
    Object.assign(new HomeSchoolingType(), {
      id: h.id,
      startsOn: h.startsOn,
      endsOn: h.endsOn ?? null,
      studentId,
      schoolId: h.school.id,
      classId: place?.classId ?? null,
    }),
  );
}
