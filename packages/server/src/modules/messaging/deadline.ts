import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, isoWeekday, zonedInstant, zonedTime } from '../../kernel/dates.js';
import { Holiday } from '../school/index.js';
import { holidayOn } from '../timetable/index.js';

/** R-C2: a family's letter is answered within this many working days. */
export const ANSWER_WORKING_DAYS = 2;

/**
 * When the answer to a letter sent at `sentAt` is due: the end (school time) of the second working
 * day after the day it arrived. Saturdays, Sundays and the school's holidays are not working days.
 */
export async function answerDueAt(em: EntityManager, school: { id: string; timezone: string }, sentAt: Date): Promise<Date> {
  const arrived = zonedTime(sentAt, school.timezone).date;
  // Winter holidays and weekends together stay well inside this window.
  const holidays = await em.find(Holiday, { school: school.id, endsOn: { $gt: arrived }, startsOn: { $lte: addDays(arrived, 120) } });
  let day = arrived;
  for (let left = ANSWER_WORKING_DAYS; left > 0;) {
    day = addDays(day, 1);
    if (isoWeekday(day) <= 5 && !holidayOn(holidays, day)) left--;
  }
  return zonedInstant(addDays(day, 1), '00:00', school.timezone);
}
