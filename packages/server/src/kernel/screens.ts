/**
 * The kept screens as a request sees them: graphql/screen-cache.ts keeps them per process; the modules whose
 * big screens read with one statement (journal.queries.ts, monitor.service.ts) read through this.
 */
export type Screen = 'journal' | 'diary' | 'term' | 'classDay' | 'student';

/** What an entry was read for; a commit touching any of them drops it. */
export interface ScreenTags {
  studentIds?: Iterable<string>;
  groupIds?: Iterable<string>;
  classIds?: Iterable<string>;
  /** The rows show who teaches a group (teaching assignments change with no outbox row, only a viewer invalidation). */
  teachers?: boolean;
}

export interface KeptScreens {
  /** The kept rows of `screen` at `key`, or `load()`'s, kept under the tags they were read for (false: not kept). */
  read<T>(screen: Screen, key: string, load: () => Promise<T>, tagsOf: (rows: T) => ScreenTags | null | undefined | false): Promise<T>;
}

/** What one of this process's own transactions touched, read as it commits (graphql/screen-fence.ts): routed like the feed's rows. */
export interface Touched {
  /** Something anyone's screens may show ('*' viewer invalidation). */
  everyone: boolean;
  /** Someone's viewer changed (a teaching assignment, perhaps). */
  people: boolean;
  studentIds: string[];
  groupIds: string[];
  classIds: string[];
}
