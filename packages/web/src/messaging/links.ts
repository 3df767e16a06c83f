import { routeHref } from '../routing/route';
import type { CommsView } from './commsRoute';

export const commsHref = (view: CommsView): string => routeHref({ name: 'comms', view });

/** How often the inbox and the unread badge ask again anyway: a safety net, `messageEvents` keeps them live. */
export function pollInterval(): number {
  try {
    // A shorter interval can be pinned per browser (the browser tests do).
    const pinned = Number(localStorage.getItem('dnevnik.pollMs'));
    if (pinned > 0) return pinned;
  } catch {
    // Storage unavailable: the default.
  }
  return 300_000;
}
