/**
 * Issue 18: the school's settings of deadlines and duties. Where the seeds differ the school chooses; a school
 * that never chose keeps `DEFAULT_SETTINGS`, read without a row.
 */
import { LockMode } from '@mikro-orm/core';
import { newId } from '../../kernel/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { User } from './user.entity.js';
import { SchoolSettings } from './settings.entity.js';

export type DeadlineSettings = Omit<SchoolSettings, 'id' | 'school' | 'updatedAt' | 'updatedBy'>;

/** The defaults issue 18 names: 003 §4.4, §2.1.2, §2.1.4, §2.2.2, §2.2.3; 001 §3.6.4; 002 §3.3. */
export const DEFAULT_SETTINGS: DeadlineSettings = {
  sameDayUntilMinutes: 24 * 60,
  writtenWorkDaysJunior: 5,
  writtenWorkDaysSenior: 7,
  homeworkMinutesAfterDay: 120,
  // A usual bell schedule: 45-minute lessons from 08:30 with breaks of 10 and 20 minutes.
  lessonEndTimes: ['09:15', '10:10', '11:10', '12:10', '13:05', '14:00', '14:55', '15:50'],
  correctionsByAdministrationOnly: false,
  periodMarkDaysBeforeEnd: 3,
  journalChecksPerMonth: 2,
  parentsInformedEveryDays: 14,
  preliminaryReportDaysBeforeEnd: 14,
};

/** The school's settings, or the defaults while it has none. */
export async function settingsOf(em: EntityManager, schoolId: string): Promise<DeadlineSettings> {
  const row = await em.findOne(SchoolSettings, { school: schoolId });
  return row ?? DEFAULT_SETTINGS;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A partial change of the settings, by the administration (settings.policy.ts decided who). */
export async function updateSettings(
  em: EntityManager,
  viewer: Viewer,
  schoolId: string,
  change: Partial<DeadlineSettings>,
  now: Date,
): Promise<{ settings: DeadlineSettings; updatedAt: Date | null }> {
  const times = change.lessonEndTimes;
  if (times) {
    if (!times.length || times.some((t) => !TIME.test(t))) throw badInput('BAD_FORMAT', 'Give the end of each lesson as HH:MM, in order.', 'lessonEndTimes');
    if (times.some((t, i) => i > 0 && t <= times[i - 1])) throw badInput('LESSON_TIMES_OUT_OF_ORDER', 'Lessons end later one after another.', 'lessonEndTimes');
  }
  // One writer at a time (the mutation's transaction holds the row until its commit): the first change of a
  // school that kept the defaults makes its row with `on conflict do nothing`, then every writer locks it and
  // reads what the one before it wrote, so no change is lost and each audit row's `old` is what it replaced.
  await em
    .createQueryBuilder(SchoolSettings)
    .insert({ id: newId(), ...DEFAULT_SETTINGS, school: schoolId, updatedAt: now })
    .onConflict(['school'])
    .ignore()
    .execute('run');
  const row = await em.findOneOrFail(SchoolSettings, { school: schoolId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const old = pick(row);
  Object.assign(row, change, { updatedAt: now, updatedBy: em.getReference(User, viewer.userId) });
  audit(em, viewer, { action: 'school.settings', entity: 'SchoolSettings', entityId: row.id, schoolId, data: { old, new: pick(row) } }, now);
  await em.flush();
  return { settings: row, updatedAt: now };
}

function pick(s: DeadlineSettings): DeadlineSettings {
  return Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, s[k as keyof DeadlineSettings]])) as unknown as DeadlineSettings;
}
