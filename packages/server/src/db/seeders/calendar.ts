/** The Russian school calendar in its usual shape (quarters, four holidays, public holidays). */

export interface CalendarSpan {
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface SchoolYearCalendar {
  name: string;
  startsOn: string;
  endsOn: string;
  quarters: CalendarSpan[];
  holidays: CalendarSpan[];
}

/** The school year a date falls in: from July on, the year starting on 1 September. */
export function schoolYearStart(today: Date): number {
  return today.getUTCMonth() >= 6 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

export function quarterCalendar(startYear: number): SchoolYearCalendar {
  const a = startYear;
  const b = startYear + 1;
  return {
    name: `${a}/${b}`,
    startsOn: `${a}-09-01`,
    endsOn: `${b}-05-26`,
    quarters: [
      { name: '1 четверть', startsOn: `${a}-09-01`, endsOn: `${a}-10-24` },
      { name: '2 четверть', startsOn: `${a}-11-05`, endsOn: `${a}-12-28` },
      { name: '3 четверть', startsOn: `${b}-01-12`, endsOn: `${b}-03-20` },
      { name: '4 четверть', startsOn: `${b}-03-30`, endsOn: `${b}-05-26` },
    ],
    holidays: [
      { name: 'Осенние каникулы', startsOn: `${a}-10-25`, endsOn: `${a}-11-04` },
      { name: 'Зимние каникулы', startsOn: `${a}-12-29`, endsOn: `${b}-01-11` },
      { name: 'День защитника Отечества', startsOn: `${b}-02-23`, endsOn: `${b}-02-23` },
      { name: 'Международный женский день', startsOn: `${b}-03-08`, endsOn: `${b}-03-08` },
      { name: 'Весенние каникулы', startsOn: `${b}-03-21`, endsOn: `${b}-03-29` },
      { name: 'Праздник Весны и Труда', startsOn: `${b}-05-01`, endsOn: `${b}-05-01` },
      { name: 'День Победы', startsOn: `${b}-05-09`, endsOn: `${b}-05-09` },
    ],
  };
}
