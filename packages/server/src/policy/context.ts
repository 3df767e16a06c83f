import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../kernel/clock.js';
import { unauthenticated } from '../kernel/errors.js';
import { todayIso } from '../kernel/dates.js';
import type { Loaders } from '../kernel/loaders.js';
import type { KeptScreens } from '../kernel/screens.js';
import type { PolicyContext } from './apply-policy.js';
import type { Viewer } from './viewer.js';

/** What every resolver and service of a request gets (made by graphql/context.ts). */
export interface Context extends PolicyContext {
  /** A fork per request (or per WebSocket operation): no identity map shared between viewers. */
  em: EntityManager;
  viewer: Viewer | null;
  loaders: Loaders;
  userAgent: string | null;
  /** The client's address (behind TRUST_PROXY proxies): sign-in attempts are limited per address. */
  ip: string | null;
  /** "Now" for domain rules (what is in force today, when a change is entered); tests pin it. */
  clock: Clock;
  /** The process's cache of the big screens' rows (graphql/screen-cache.ts): viewer-independent, access decided per request. */
  screens: KeptScreens;
}

/** The signed-in viewer; resolvers behind a `signedIn`/`withRole` rule can rely on it. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** Today on the signed-in viewer's school calendar (`Viewer.timeZone`): for a decision whose own school is not at hand. */
export const viewerToday = (ctx: Context): string => todayIso(ctx.clock(), viewerOf(ctx).timeZone);
