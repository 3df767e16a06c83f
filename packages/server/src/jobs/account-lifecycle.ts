/**
 * R-A7: accounts follow people out of the school.
 *
 * - A student who left (departure, expulsion, graduation) and has no current enrolment is
 *   deactivated `studentGraceDays` after the day the movement took effect; their sessions end.
 * - Their parents lose the PARENT role in that school when no other child of theirs is there
 *   (or within its grace days), and are deactivated when they then hold no active role at all.
 * - A staff grant whose contract ended (`endsOn`) `staffGraceDays` ago is revoked; a person
 *   left without any active grant is deactivated.
 * - Conversations with all parents of a group or class follow who the students are today.
 *
 * Idempotent: it works from the state of the database and `now`, so running it again (or late,
 * or after a crash) changes only what is still due. Days are judged in each school's time zone.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { Schedule } from '../kernel/schedule.js';
import { Session } from '../modules/auth/index.js';
import { followParentsAudience, LEAVING_MOVEMENTS } from '../modules/people/index.js';
import { Role } from '../policy/roles.js';
import { RoleGrant, User } from '../modules/school/index.js';

export interface LifecycleSettings {
  /** Days after a leaving movement takes effect (default 3). */
  studentGraceDays: number;
  /** Days after a staff contract's last day (default 2). */
  staffGraceDays: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = { studentGraceDays: 3, staffGraceDays: 2 };

export interface LifecycleReport {
  studentsDeactivated: string[];
  parentGrantsRevoked: number;
  parentsDeactivated: string[];
  staffGrantsRevoked: number;
  staffDeactivated: string[];
}

const STAFF_ROLES = Object.values(Role).filter((r) => r !== Role.STUDENT && r !== Role.PARENT);
const LEAVING = LEAVING_MOVEMENTS.map((k) => `'${k}'`).join(', ');
/** "today" of a school in SQL, from the `now` parameter. */
const TODAY = `((?::timestamptz) at time zone coalesce(s.timezone, 'Europe/Moscow'))::date`;

export async function runAccountLifecycle(em: EntityManager, now: Date, settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS): Promise<LifecycleReport> {
  return em.fork().transactional(async (tx) => {
    const sql = tx.getConnection();
    const report: LifecycleReport = {
      studentsDeactivated: [],
      parentGrantsRevoked: 0,
      parentsDeactivated: [],
      staffGrantsRevoked: 0,
      staffDeactivated: [],
    };
    const deactivate = async (userId: string, reason: string) => {
      const changed = await tx.nativeUpdate(User, { id: userId, active: true }, { active: false, deactivatedAt: now, deactivationReason: reason });
      if (changed) await tx.nativeUpdate(Session, { user: userId, revokedAt: null }, { revokedAt: now });
      return changed > 0;
    };

    // ── students who left, grace passed, and are in no class now (nor again later) ──
    const leavers = await sql.execute<{ student_id: string; school_id: string; kind: string; effective_on: string }[]>(
      `select m.student_id, m.school_id, m.kind, to_char(m.effective_on, 'YYYY-MM-DD') as effective_on
         from student_movement m join school s on s.id = m.school_id
        where m.kind in (${LEAVING})
          and m.effective_on <= ${TODAY} - ?::int
          and not exists (select 1 from student_movement later
                           where later.student_id = m.student_id
                             and (later.effective_on, later.recorded_at) > (m.effective_on, m.recorded_at))
          and not exists (select 1 from enrolment e
                           where e.student_id = m.student_id
                             and (e.ends_on is null or e.ends_on > ${TODAY} - ?::int))`,
      [now, settings.studentGraceDays, now, settings.studentGraceDays],
    );
    for (const l of leavers) {
      if (await deactivate(l.student_id, `Left the school: ${l.kind} on ${l.effective_on}`)) {
        report.studentsDeactivated.push(l.student_id);
      }
    }

    // ── their parents, where no other child of theirs is (still) in that school ──
    if (leavers.length) {
      const pairs = leavers.map((l) => [l.student_id, l.school_id]).flat();
      const parents = await sql.execute<{ parent_id: string; school_id: string }[]>(
        `select distinct g.parent_id, g.school_id
           from guardianship g join school s on s.id = g.school_id
          where (g.student_id, g.school_id) in (${leavers.map(() => '(?::uuid, ?::uuid)').join(', ')})
            and not exists (select 1 from guardianship other join enrolment e on e.student_id = other.student_id
                             where other.parent_id = g.parent_id and e.school_id = g.school_id
                               and other.ends_on is null -- an ended link keeps no one a parent here
                               and (e.ends_on is null or e.ends_on > ${TODAY} - ?::int))`,
        [...pairs, now, settings.studentGraceDays],
      );
      for (const p of parents) {
        report.parentGrantsRevoked += await tx.nativeUpdate(
          RoleGrant,
          { user: p.parent_id, school: p.school_id, role: Role.PARENT, revokedAt: null },
          { revokedAt: now },
        );
      }
      for (const parentId of new Set(parents.map((p) => p.parent_id))) {
        if ((await tx.count(RoleGrant, { user: parentId, revokedAt: null })) > 0) continue;
        if (await deactivate(parentId, 'No child of theirs is in the school any more')) report.parentsDeactivated.push(parentId);
      }
    }

    // ── staff whose contract ended ──
    const ended = await sql.execute<{ id: string; user_id: string; ends_on: string }[]>(
      `select g.id, g.user_id, to_char(g.ends_on, 'YYYY-MM-DD') as ends_on
         from role_grant g left join school s on s.id = g.school_id
        where g.revoked_at is null and g.ends_on is not null
          and g.role in (${STAFF_ROLES.map((r) => `'${r}'`).join(', ')})
          and g.ends_on <= ${TODAY} - ?::int`,
      [now, settings.staffGraceDays],
    );
    if (ended.length) {
      report.staffGrantsRevoked = await tx.nativeUpdate(RoleGrant, { id: { $in: ended.map((g) => g.id) } }, { revokedAt: now });
    }
    for (const userId of new Set(ended.map((g) => g.user_id))) {
      if ((await tx.count(RoleGrant, { user: userId, revokedAt: null })) > 0) continue;
      const last = ended
        .filter((g) => g.user_id === userId)
        .map((g) => g.ends_on)
        .sort()
        .at(-1);
      if (await deactivate(userId, `Contract ended on ${last}`)) report.staffDeactivated.push(userId);
    }

    // ── parents' conversations follow the students' classes (movements dated in advance take effect today) ──
    await followParentsAudience(tx, now);
    return report;
  });
}

/** Runs the job now and then every `intervalMinutes` (0: never); the timer does not keep the process alive. */
export function scheduleAccountLifecycle(orm: MikroORM, log: Logger, opts: LifecycleSettings & { intervalMinutes: number }, clock: Clock): Schedule {
  if (opts.intervalMinutes <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return; // the previous run is still going
    running = runAccountLifecycle(orm.em, clock(), opts)
      .then((r) => {
        const changed = r.studentsDeactivated.length + r.parentGrantsRevoked + r.parentsDeactivated.length + r.staffGrantsRevoked;
        if (changed) log.info(r, 'account lifecycle: accounts deactivated and grants ended');
      })
      .catch((err) => log.error({ err }, 'account lifecycle job failed'))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, opts.intervalMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
