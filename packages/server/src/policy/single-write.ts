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
 *
 * The viewer and the rule's facts are read before the statement: a sign-out, a blocked account, a revoked role
 * or an ended teaching assignment committed in between would not stop it. So the rule names what its `allow`
 * rested on (`Ground`s), and `authorise` answers them as SQL (`rights`: the session still in force as the viewer
 * query takes it, and one of the grounds still holding, on the same day), which the statement evaluates once and
 * writes only if both hold; when they do not, it writes nothing at all and the mutation is refused
 * (`rightsRefusal`: UNAUTHENTICATED SESSION_ENDED, or FORBIDDEN RIGHTS_CHANGED).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, unauthenticated, type AppError } from '../kernel/errors.js';
import type { Touched } from '../kernel/screens.js';
import type { Role } from './roles.js';

/** SQL text with `?` placeholders and its parameters. */
export interface SqlPart {
  text: string;
  params: unknown[];
}

/**
 * A right a write rule's `allow` rested on, which its single write's statement checks again: the viewer teaches
 * the group (a teaching assignment in force), is the lesson's approved substitute, or holds one of the roles in
 * the school (a grant in force). The statement writes if any of the rule's grounds still holds.
 */
export type Ground =
  { kind: 'teaches'; groupId: string } | { kind: 'substitutes'; lessonId: string } | { kind: 'holdsRole'; schoolId: string; roles: readonly Role[] };

export const teachesGroup = (groupId: string): Ground => ({ kind: 'teaches', groupId });
export const substitutesLesson = (lessonId: string): Ground => ({ kind: 'substitutes', lessonId });
export const holdsRoleIn = (schoolId: string, roles: readonly Role[]): Ground => ({ kind: 'holdsRole', schoolId, roles });

/** What the statement found of the rights it rests on: its `gate` CTE's one row. */
export interface RightsHeld {
  /** The viewer's session is still in force (not signed out, not expired, the account active, some grant in force). */
  session: boolean;
  /** One of the rule's grounds still holds. */
  right: boolean;
}

/** The refusal of a single write whose statement found its rights no longer in force (it wrote nothing); null when they held. */
export function rightsRefusal(held: RightsHeld): AppError | null {
  if (!held.session) return unauthenticated('The session has ended: sign in again.', 'SESSION_ENDED');
  if (!held.right) return forbidden('Your rights here changed meanwhile: nothing was written.', 'RIGHTS_CHANGED');
  return null;
}

export interface SingleWrite {
  /**
   * Decides the write rule (once) and judges `answer`, what the mutation answers if the write goes through: throws to
   * refuse. Answers `rights`: a SELECT of one row (`RightsHeld`'s columns) that the statement evaluates as it writes.
   */
  authorise(answer: object): Promise<SqlPart>;
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
