import type { Route } from '../routing/route';
import { periodFor, todayIso } from '../shared/dates';

interface Viewer<G, P> {
  taughtGroups: readonly G[];
  ledClasses: readonly { groups: readonly G[] }[];
  school: { currentYear: { periods: readonly P[] } | null } | null;
}

/**
 * The journal page a route opens: the groups the viewer teaches (editable), then those of the classes
 * they lead (read only); the route's group or the first; the route's period or the one of its day.
 * The screen renders it; routing/screens.ts asks for that page's grid as soon as the viewer is known.
 */
export function journalTarget<G extends { id: string }, P extends { id: string; startsOn: string; endsOn: string }>(
  viewer: Viewer<G, P>,
  route: Extract<Route, { name: 'journal' }>,
) {
  const taught = viewer.taughtGroups.map((g) => ({ ...g, editable: true }));
  const seen = new Set(taught.map((g) => g.id));
  const led = viewer.ledClasses
    .flatMap((c) => c.groups)
    .filter((g) => !seen.has(g.id) && (seen.add(g.id), true))
    .map((g) => ({ ...g, editable: false }));
  const groups = [...taught, ...led];
  const periods = viewer.school?.currentYear?.periods ?? [];
  const reference = route.on ?? todayIso();
  return {
    groups,
    periods,
    reference,
    group: groups.find((g) => g.id === route.groupId) ?? groups[0],
    period: periods.find((p) => p.id === route.periodId) ?? periodFor(periods, reference),
  };
}
