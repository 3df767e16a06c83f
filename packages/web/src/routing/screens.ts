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
  comms: () => import('../messaging/CommsScreen'),
  device: () => import('../pwa/DeviceSettings'),
  reports: () => import('../reports/ReportsScreen'),
  today: () => import('../today/TodayScreen'),
  family: () => import('../home/FamilyHome'),
  settings: () => import('../settings/SettingsScreen'),
  notices: () => import('../home/NoticesScreen'),
} satisfies Record<string, () => Promise<unknown>>;

/** The screen of a route, where the route alone names it (home depends on who signed in). */
const SCREEN_OF: Partial<Record<Route['name'], keyof typeof screens>> = {
  admin: 'admin',
  diary: 'diary',
  term: 'diary',
  journal: 'journal',
  comms: 'comms',
  device: 'device',
  reports: 'reports',
  today: 'today',
  settings: 'settings',
  notices: 'notices',
};

export function preloadScreen(route: Route): void {
  const screen = SCREEN_OF[route.name];
  if (screen) void screens[screen]().catch(() => undefined);
}
