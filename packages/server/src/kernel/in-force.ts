/**
 * "In force on a day" (issue 19): an enrolment, guardianship, group membership, teaching assignment, staff
 * contract or consent counts on day D when it began by D and has not ended before D. Written once, in the
 * three forms the code needs: a TypeScript predicate (`inForce`), a query condition for `em.find` (`inForceOn`)
 * and an SQL fragment (`inForceSql`). D is always the injected clock's (kernel/clock.ts), never the database's.
 *
 * Ends are inclusive for spans of days (`endsOn` is the last day: ending a link today sets it to yesterday);
 * exclusive for moments (a consent withdrawn at an instant is no longer in force at that instant).
 */

/** Whether the end day (or moment) itself is still in force. */
export type SpanEnd = 'inclusive' | 'exclusive';

/** A span of days (`YYYY-MM-DD`) or of moments; an open end (null) runs on. */
export interface Span<T extends string | Date> {
  startsOn: T;
  endsOn?: T | null;
}

/** The span is in force on `day` (a `YYYY-MM-DD` day, or a moment for a span of moments). */
export const inForce = <T extends string | Date>(span: Span<T>, day: T, end: SpanEnd = 'inclusive'): boolean =>
  span.startsOn <= day && (!span.endsOn || (end === 'inclusive' ? span.endsOn >= day : span.endsOn > day));

/** Some day from `first` to `last`, both included (a period, a week): in force on one of them is in force during it. */
export interface Days {
  first: string;
  last: string;
}

const firstOf = (on: string | Days) => (typeof on === 'string' ? on : on.first);
const lastOf = (on: string | Days) => (typeof on === 'string' ? on : on.last);

/**
 * The same test as a query condition on `startsOn`/`endsOn` days (inclusive end), for `em.find` and `em.count`:
 * on a day, or on some day of `Days`.
 */
export const inForceOn = (on: string | Days) => ({ startsOn: { $lte: lastOf(on) }, $or: [{ endsOn: null }, { endsOn: { $gte: firstOf(on) } }] });

/** Columns of a span in SQL: its first day (null: the row has no start, e.g. a role grant) and its end. */
export interface SpanColumns {
  /** Default `starts_on`; null when only the end counts. */
  from?: string | null;
  /** Default `ends_on`. */
  to?: string;
  /** Default inclusive. */
  end?: SpanEnd;
}

/**
 * The same test as an SQL condition on the row `alias`, on a day (or on some day of `Days`): SQL expressions
 * (a parameter `?::date`, a column `l.date`, `arg.today`). The text names the day as often as the test needs it
 * (twice, or once with `from: null`), so a `?` parameter is bound that many times: the start's, then the end's.
 */
export function inForceSql(alias: string, on: string | Days, { from = 'starts_on', to = 'ends_on', end = 'inclusive' }: SpanColumns = {}): string {
  const until = `(${alias}.${to} is null or ${alias}.${to} ${end === 'inclusive' ? '>=' : '>'} ${firstOf(on)})`;
  return from === null ? until : `${alias}.${from} <= ${lastOf(on)} and ${until}`;
}
