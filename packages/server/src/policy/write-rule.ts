/**
 * The write side of the access policy: every Mutation field has a write rule. The rule loads the
 * FACTS of the target (inside the mutation's transaction, before anything is written) and judges the
 * viewer against them; the service then only writes (and checks domain rules such as "the lesson has
 * happened"). Rules live beside each module (`modules/<area>/<area>.policy.ts`, its `mutation` rules),
 * graphql/schema.ts merges them keyed by mutation name, and `applyPolicy` refuses a schema with a
 * mutation that has none.
 *
 * The answers are uniform: a target that does not exist, or that the viewer may not know about
 * (`visible` false), is NOT_FOUND with the same message; a target the viewer sees but may not change
 * is FORBIDDEN.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, forbidden, notFound, unauthenticated } from '../kernel/errors.js';
import type { Reason } from '../kernel/reasons.js';
import type { Ground } from './single-write.js';
import type { Viewer } from './viewer.js';

/** A refusal with its own wording and reason (e.g. CONSENT_REQUIRED); `false` from `allow` is a plain FORBIDDEN (NOT_ALLOWED). */
export interface Refusal {
  code: 'FORBIDDEN' | 'NOT_FOUND';
  reason: Reason;
  message: string;
}

export interface WriteRule<F, A> {
  /**
   * What the target is (who owns it, its school, group, class...): null when it does not exist. `now` is the server's clock;
   * `viewer` only for its `timeZone`, the day facts are judged on where the target's own school is not at hand yet.
   */
  load(em: EntityManager, args: A, now: Date, viewer: Viewer): Promise<F | null>;
  /** May the viewer know the target exists? No: NOT_FOUND, exactly as for a missing one. Default: yes. */
  visible?(viewer: Viewer, facts: F): boolean;
  /** May the viewer make this change to it? No: FORBIDDEN (or the Refusal given). */
  allow(viewer: Viewer, facts: F): boolean | Refusal;
  /** NOT_FOUND's wording, e.g. "No such mark." */
  missing: string;
  /**
   * The mutation's work is this rule's read and ONE writing statement: it runs without BEGIN/COMMIT (single-write.ts).
   * Given the viewer and facts `allow` let through: what it rested on, which that statement checks again as it writes.
   */
  singleWrite?(viewer: Viewer, facts: F): readonly Ground[];
}

/** A write rule with its facts' type sealed in: what the registry holds and the mutation wrapper runs. */
export interface WriteCheck {
  /**
   * Throws UNAUTHENTICATED, NOT_FOUND or FORBIDDEN; returns when the viewer may go ahead, with what a single write's
   * statement checks again (`WriteRule.singleWrite`; none for other writes).
   */
  decide(em: EntityManager, args: Record<string, unknown>, viewer: Viewer | null, now: Date): Promise<readonly Ground[]>;
  /** See `WriteRule.singleWrite`. */
  singleWrite?: boolean;
}

export function writeRule<F, A = Record<string, never>>(rule: WriteRule<F, A>): WriteCheck {
  return {
    singleWrite: !!rule.singleWrite,
    async decide(em, args, viewer, now) {
      if (!viewer) throw unauthenticated();
      // GraphQL has validated the arguments against the field's signature, which A describes.
      const facts = await rule.load(em, args as A, now, viewer);
      if (facts === null || (rule.visible && !rule.visible(viewer, facts))) throw notFound(rule.missing);
      const decision = rule.allow(viewer, facts);
      if (decision === true) return rule.singleWrite?.(viewer, facts) ?? [];
      if (decision === false) throw forbidden();
      throw new AppError(decision.code, decision.reason, decision.message);
    },
  };
}

/** Sign-in (login, redeeming a one-time code): the credential in the arguments is the only fact. */
export const anyoneMayTry: WriteCheck = { decide: async () => [] };

/** A change to the viewer's own things only (their settings, devices, session): any signed-in viewer. */
export const ownThings: WriteCheck = writeRule<true>({ missing: 'Not found.', load: async () => true, allow: () => true });
