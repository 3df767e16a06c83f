import type { ApolloClient } from '@apollo/client';
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
 * What starting a route's screen early means: its bundle, and for the diary and the journal the query
 * the screen starts from (the same document, so the screen finds the answer in the cache or in flight).
 */
const PRELOAD: Partial<Record<Route['name'], (client: ApolloClient) => Promise<unknown>>> = {
  admin: () => screens.admin(),
  diary: (client) => screens.diary().then((m) => client.query({ query: m.DiaryScreenQuery })),
  term: (client) => screens.diary().then((m) => client.query({ query: m.DiaryScreenQuery })),
  progress: (client) => screens.diary().then((m) => client.query({ query: m.DiaryScreenQuery })),
  exams: (client) => screens.diary().then((m) => client.query({ query: m.DiaryScreenQuery })),
  journal: (client) => screens.journal().then((m) => client.query({ query: m.JournalScreenQuery })),
  plan: () => screens.plan(),
  comms: () => screens.comms(),
  device: () => screens.device(),
  reports: () => screens.reports(),
  today: () => screens.today(),
  settings: () => screens.settings(),
  notices: () => screens.notices(),
};

/** Home is not here: which screen it shows depends on who signed in. */
export function preloadScreen(route: Route, client: ApolloClient): void {
  void PRELOAD[route.name]?.(client).catch(() => undefined);
}
