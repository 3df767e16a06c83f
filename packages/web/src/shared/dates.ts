/**
 * Calendar dates as the API sends them: `YYYY-MM-DD`, no time zone. Arithmetic
 * runs on UTC midnights so a device's zone or DST never shifts a day.
 */

function toUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const ZONE_KEY = 'dnevnik.timeZone';

/**
 * The time zone of the viewer's school (`Viewer.timeZone`), kept on the device for the next start: the server
 * judges «today» there (the day's lessons, what is late), and so does the app, whatever zone the phone is set to.
 */
let schoolZone: string | null = storedZone();

function storedZone(): string | null {
  try {
    return localStorage.getItem(ZONE_KEY);
  } catch {
    return null;
  }
}

function store(zone: string | null): void {
  try {
    if (zone) localStorage.setItem(ZONE_KEY, zone);
    else localStorage.removeItem(ZONE_KEY);
  } catch {
    // Storage unavailable: this page keeps it.
  }
}

/** The viewer's school's zone, from the shell's answer; one this browser does not know is not kept. */
export function setSchoolTimeZone(zone: string): void {
  if (zone === schoolZone) return;
  try {
    zoneFormat(zone);
  } catch {
    return;
  }
  schoolZone = zone;
  store(zone);
}

/** On signing out: the next person on this device may be of another school. */
export function forgetSchoolTimeZone(): void {
  schoolZone = null;
  store(null);
}

const zoneFormat = (zone: string) => dateFormat('en', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date of a moment at the viewer's school; the device's own until the school's zone is known. */
export function dateAtSchool(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (schoolZone) {
    try {
      const parts = zoneFormat(schoolZone).formatToParts(at);
      const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
      return `${part('year')}-${part('month')}-${part('day')}`;
    } catch {
      // A stored zone this browser does not know: the device's date from now on.
      forgetSchoolTimeZone();
    }
  }
  return fromUtc(new Date(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate())));
}

/** Today at the viewer's school, as a calendar date. */
export function todayIso(now = new Date()): string {
  return dateAtSchool(now);
}

export function addDays(iso: string, days: number): string {
  const date = toUtc(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(iso: string): number {
  return toUtc(iso).getUTCDay() || 7;
}

export function mondayOf(iso: string): string {
  return addDays(iso, 1 - weekday(iso));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per language and options, made once: making one costs far more than formatting (a
 * journal page formats a few hundred dates as it renders).
 */
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

export function formatDate(iso: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return dateFormat(locale, { ...options, timeZone: 'UTC' }).format(toUtc(iso));
}

/** "23–28 ноября 2026 г.": a span of dates as the language writes it. */
export function formatDateRange(from: string, to: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(toUtc(from), toUtc(to));
}

/** The date formats the diary week and the journal grid first render with. */
const FIRST_SCREEN_FORMATS: Intl.DateTimeFormatOptions[] = [
  { weekday: 'long' },
  { day: 'numeric', month: 'long' },
  { month: 'long' },
  { day: '2-digit' },
  { weekday: 'short' },
];

/**
 * Makes those formatters: a worker does while a signed-in page waits for its data (shared/warmDateFormats.ts),
 * so that the page's own first ones do not load the language's data in the task that puts the week or the grid on screen.
 */
export function prepareDateFormats(locale: string): void {
  for (const options of FIRST_SCREEN_FORMATS) formatDate('2026-01-05', locale, options);
  formatDateRange('2026-01-05', '2026-01-10', locale);
}

/** "среда, 25 ноября" → "Среда, 25 ноября", for the start of a title. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function formatDateTime(instant: string, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/**
 * Orders ISO dates (and instants of one format) for `sort`: they sort as plain text. `localeCompare` would load
 * the language's collation rules on its first call, tens of milliseconds on a phone inside the first screen's task.
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The period containing `date`; else the last one begun before it; else the first. */
export function periodFor<P extends { startsOn: string; endsOn: string }>(periods: readonly P[], date: string): P | undefined {
  const sorted = [...periods].sort((a, b) => compareIso(a.startsOn, b.startsOn));
  return sorted.find((p) => p.startsOn <= date && date <= p.endsOn) ?? [...sorted].reverse().find((p) => p.startsOn <= date) ?? sorted[0];
}
