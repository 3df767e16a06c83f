import { sendEarly } from '../apollo/early';
import { DiaryScreenDocument, DiaryWeekDocument, JournalDocument, JournalRemarksDocument, JournalScreenDocument } from '../gql/graphql';
import { journalTarget } from '../journal/journalTarget';
import { mondayOf, todayIso } from '../shared/dates';
import type { Route } from './route';

/**
 * Each screen is its own bundle, fetched when first opened: the first page loads only the shell and
 * one screen. Shell.tsx renders them lazily; `preloadScreen` starts the one a link opens (a
 * bookmark, a notice) together with the shell's bundle, rather than after the shell has its data.
 */
export const screens = {
  admin: () => import('../admin/AdminScreen'),
  diary: () => import('../diary/DiaryScreen'),
  journal: () => import('../journal/JournalScreen'),
  plan: () => import('../journal/PlanScreen'),
  comms: () => import('../messaging/CommsScreen'),
  device: () => import('../pwa/DeviceSettings'),
  reports: () => import('../reports/ReportsScreen'),
  today: () => import('../today/TodayScreen'),
  family: () => import('../home/FamilyHome'),
  settings: () => import('../settings/SettingsScreen'),
  notices: () => import('../home/NoticesScreen'),
} satisfies Record<string, () => Promise<unknown>>;

/**
 * What starting a route's screen early means: its bundle, and for the diary and the journal the
 * queries its first page needs, sent at once (apollo/early.ts) rather than each when the component
 * asking for it renders; the screens' `useQuery` calls then find the answers, arrived or on the way.
 */
const PRELOAD: { [R in Route as R['name']]?: (route: R) => Promise<unknown> } = {
  admin: () => screens.admin(),
  diary: (route) =>
    Promise.all([
      screens.diary(),
      sendEarly(DiaryScreenDocument, {}),
      sendEarly(DiaryWeekDocument, { studentId: route.studentId, weekOf: mondayOf(route.week ?? todayIso()) }, 'cache-and-network'),
    ]),
  term: () => Promise.all([screens.diary(), sendEarly(DiaryScreenDocument, {})]),
  progress: () => Promise.all([screens.diary(), sendEarly(DiaryScreenDocument, {})]),
  exams: () => Promise.all([screens.diary(), sendEarly(DiaryScreenDocument, {})]),
  journal: async (route) => {
    void screens.journal().catch(() => undefined);
    // The grid's page follows from the viewer's groups and the year's periods.
    const screen = await sendEarly(JournalScreenDocument, {});
    const { group, period } = screen?.viewer ? journalTarget(screen.viewer, route) : {};
    if (!group || !period) return;
    await Promise.all([
      sendEarly(JournalDocument, { groupId: group.id, periodId: period.id }),
      sendEarly(JournalRemarksDocument, { groupId: group.id }, 'cache-and-network'),
    ]);
  },
  plan: () => screens.plan(),
  comms: () => screens.comms(),
  device: () => screens.device(),
  reports: () => screens.reports(),
  today: () => screens.today(),
  settings: () => screens.settings(),
  notices: () => screens.notices(),
};

/** Home is not here: which screen it shows depends on who signed in. */
export function preloadScreen(route: Route): void {
  const preload = PRELOAD[route.name] as ((route: Route) => Promise<unknown>) | undefined;
  void preload?.(route).catch(() => undefined);
}
