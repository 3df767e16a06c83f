/**
 * Calendar dates as ISO strings ("2026-11-25"): they compare correctly as strings and carry no
 * time zone, which is what a school day is. Arithmetic goes through UTC midnight.
 */
const DAY_MS = 86_400_000;

const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One formatter per time zone and kind: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'wall', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}/${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-CA', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The last answer of `todayIso` per time zone, with its UTC minute: a local date changes only on a whole UTC
 * minute (every offset in use is whole minutes), so within one minute it is the same. A request asks a few times.
 */
const todays = new Map<string, { minute: number; date: string }>();

/**
 * Today in the given time zone. A school judges "today" by its own local calendar (`School.timezone`): no default,
 * so every caller names the school (or the viewer, `Viewer.timeZone`) a decision is about (docs/ARCHITECTURE.md, "Time").
 */
export function todayIso(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = todays.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = formatter('date', timeZone).format(now);
  todays.set(timeZone, { minute, date });
  return date;
}

export const addDays = (iso: string, days: number) => fromUtc(toUtc(iso) + days * DAY_MS);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = new Date(toUtc(iso)).getUTCDay();
  return day === 0 ? 7 : day;
}

export const mondayOf = (iso: string) => addDays(iso, 1 - isoWeekday(iso));

export function* eachDate(from: string, to: string): Generator<string> {
  for (let ms = toUtc(from); ms <= toUtc(to); ms += DAY_MS) yield fromUtc(ms);
}

export const isValidIsoDate = (iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && fromUtc(toUtc(iso)) === iso;

export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** Two closed date ranges share at least one day. */
export const overlaps = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

const wallClock = (timeZone: string) => formatter('wall', timeZone);

/** The local date and minutes since local midnight of a moment in a time zone (school time). */
export function zonedTime(at: Date, timeZone: string): { date: string; minutes: number } {
  const p = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** `zonedInstant`'s answers (milliseconds) by zone, date and time: a pure function, asked by every journal write's deadline. */
const instants = new Map<string, number>();
const INSTANTS_MAX = 10_000;

/** The moment a local date and time ("HH:MM") happens in a time zone; twice round the offset for DST edges. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  let at = instants.get(key);
  if (at === undefined) {
    at = zonedMs(date, time, timeZone);
    if (instants.size >= INSTANTS_MAX) instants.clear();
    instants.set(key, at);
  }
  return new Date(at);
}

function zonedMs(date: string, time: string, timeZone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const offset = (at: number) => {
    const p = Object.fromEntries(
      wallClock(timeZone)
        .formatToParts(new Date(at))
        .map((x) => [x.type, x.value]),
    );
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(at / 1000) * 1000;
  };
  const first = wall - offset(wall);
  return wall - offset(first);
}
