/**
 * Mutations whose work is their write rule's read and then ONE writing statement (issue 16, bench P5): the
 * lesson journal's writes (journal.writes.sql.ts), where a data-modifying CTE writes the change with its
 * history, audit and outbox rows. Such a mutation (its write rule says `singleWrite`) runs without BEGIN and
 * COMMIT, on an EntityManager of its own (graphql/context.ts `inSingleWrite`): the statement is atomic by
 * itself, and under READ COMMITTED a transaction around the read would not have kept what it read from
 * changing either; whatever can change between the read and the write is decided in the statement (a version
 * in its WHERE, a unique key with ON CONFLICT DO NOTHING), so one writer still wins.
 *
 * What the transaction gave besides is kept here, just before the statement is sent (`authorise`): the write
 * rule is decided, and the answer the mutation will give is judged by the type rules, so that a refusal of
 * either writes nothing. And the statement itself returns what it touched, routed for the kept screens
 * (graphql/screen-fence.ts), which the process drops once it is done, before it answers.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Touched } from '../kernel/screens.js';

/** SQL text with `?` placeholders and its parameters. */
export interface SqlPart {
  text: string;
  params: unknown[];
}

export interface SingleWrite {
  /** Decides the write rule (once) and judges `answer`, what the mutation answers if the write goes through: throws to refuse. */
  authorise(answer: object): Promise<void>;
  /**
   * An SQL expression (with its parameters) of what a statement touched, routed as the outbox feed routes it,
   * given the text[] expression of its tags (`s:<student>`, `g:<group>`); null while the process keeps no screen
   * and reads none (whatever it keeps before the statement is done then goes whole, `touched` staying null).
   */
  fence(tags: string): SqlPart | null;
  /** Set as the statement is sent: a single write writes once. */
  sent: boolean;
  /** What the statement touched (null: not asked, everything goes). */
  touched: Touched | null;
}

const singleWrites = new WeakMap<EntityManager, SingleWrite>();

/** `em` is the EntityManager of one single-write mutation. */
export function registerSingleWrite(em: EntityManager, write: Omit<SingleWrite, 'sent' | 'touched'>): SingleWrite {
  const registered: SingleWrite = { ...write, sent: false, touched: null };
  singleWrites.set(em, registered);
  return registered;
}

/** The single write `em` is for; none inside a transaction (then the transaction decides and fences). */
export const singleWriteOf = (em: EntityManager): SingleWrite | undefined => singleWrites.get(em);
