import { useSyncExternalStore } from 'react';
import { ADMIN_SECTIONS, type AdminSection } from '../admin/sections';
import { commsPath, parseCommsView, type CommsView } from '../messaging/commsRoute';

/**
 * A tiny hash router: the screens are few and a hash keeps the server's static
 * serving trivial. Every screen takes an optional reference date (`on`, `week`)
 * so a link can open "the week of 25 November" regardless of the device clock.
 *
 *   #/                                      home
 *   #/today?on=<date>                       the teacher's day: today's lessons, each opening its journal
 *   #/journal                               the first journal page the viewer keeps
 *   #/journal/<groupId>?period=<id>&on=<date>
 *   #/diary/<studentId>?week=<date>&highlight=<id>   the week containing <date>, an item shown (a notice's link)
 *   #/diary/<studentId>/term?period=<id>&on=<date>
 *   #/diary/<studentId>/report?from=<date>&to=<date>   the progress report (R-C4), printable
 *   #/diary/<studentId>/exams?exam=<id>     state exams: the chosen ones and their results (a notice's link)
 *   #/journal/<groupId>/plan                the group's calendar-thematic plan (R-J2)
 *   #/messages, #/monitor, #/calendar…      see messaging/commsRoute.ts
 *   #/notices                               the in-app notification list (home/NoticesScreen.tsx)
 *   #/device                                this device: push notices
 *   #/admin/<section>                       school administration (admin/AdminScreen.tsx)
 *   #/reports/<tab>                         reports, a tab opened (e.g. `control`, the administration's control of journals)
 *   #/settings                              the school's deadlines and duties (settings/SettingsScreen.tsx)
 */
export type Route =
  | { name: 'home' }
  | { name: 'comms'; view: CommsView }
  | { name: 'today'; on?: string }
  | { name: 'journal'; groupId?: string; periodId?: string; on?: string }
  | { name: 'plan'; groupId: string }
  | { name: 'diary'; studentId: string; week?: string; highlight?: string }
  | { name: 'term'; studentId: string; periodId?: string; on?: string }
  | { name: 'progress'; studentId: string; from?: string; to?: string }
  | { name: 'exams'; studentId: string; exam?: string }
  | { name: 'device' }
  | { name: 'notices' }
  | { name: 'admin'; section: AdminSection }
  | { name: 'reports'; tab?: string }
  | { name: 'settings' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(value: string | null): string | undefined {
  return value && ISO_DATE.test(value) ? value : undefined;
}

function opt(value: string | null): string | undefined {
  return value || undefined;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart);
  if (parts[0] === 'journal' && parts[1] && parts[2] === 'plan') return { name: 'plan', groupId: parts[1] };
  if (parts[0] === 'journal') {
    return { name: 'journal', groupId: parts[1], periodId: opt(query.get('period')), on: date(query.get('on')) };
  }
  if (parts[0] === 'diary' && parts[1]) {
    if (parts[2] === 'term') {
      return { name: 'term', studentId: parts[1], periodId: opt(query.get('period')), on: date(query.get('on')) };
    }
    if (parts[2] === 'report') return { name: 'progress', studentId: parts[1], from: date(query.get('from')), to: date(query.get('to')) };
    if (parts[2] === 'exams') return { name: 'exams', studentId: parts[1], exam: opt(query.get('exam')) };
    return { name: 'diary', studentId: parts[1], week: date(query.get('week')), highlight: opt(query.get('highlight')) };
  }
  if (parts[0] === 'today') return { name: 'today', on: date(query.get('on')) };
  if (parts[0] === 'device') return { name: 'device' };
  if (parts[0] === 'notices') return { name: 'notices' };
  if (parts[0] === 'admin') return { name: 'admin', section: ADMIN_SECTIONS.find((s) => s === parts[1]) ?? 'people' };
  if (parts[0] === 'reports') return { name: 'reports', tab: parts[1] };
  if (parts[0] === 'settings') return { name: 'settings' };
  const comms = parseCommsView(parts, query);
  if (comms) return { name: 'comms', view: comms };
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  const query = new URLSearchParams();
  const path: string[] = [];
  switch (route.name) {
    case 'home':
      break;
    case 'comms':
      path.push(...commsPath(route.view, query));
      break;
    case 'journal':
      path.push('journal');
      if (route.groupId) path.push(route.groupId);
      if (route.periodId) query.set('period', route.periodId);
      if (route.on) query.set('on', route.on);
      break;
    case 'plan':
      path.push('journal', route.groupId, 'plan');
      break;
    case 'progress':
      path.push('diary', route.studentId, 'report');
      if (route.from) query.set('from', route.from);
      if (route.to) query.set('to', route.to);
      break;
    case 'exams':
      path.push('diary', route.studentId, 'exams');
      if (route.exam) query.set('exam', route.exam);
      break;
    case 'diary':
      path.push('diary', route.studentId);
      if (route.week) query.set('week', route.week);
      if (route.highlight) query.set('highlight', route.highlight);
      break;
    case 'term':
      path.push('diary', route.studentId, 'term');
      if (route.periodId) query.set('period', route.periodId);
      if (route.on) query.set('on', route.on);
      break;
    case 'today':
      path.push('today');
      if (route.on) query.set('on', route.on);
      break;
    case 'device':
      path.push('device');
      break;
    case 'notices':
      path.push('notices');
      break;
    case 'admin':
      path.push('admin', route.section);
      break;
    case 'reports':
      path.push('reports');
      if (route.tab) path.push(route.tab);
      break;
    case 'settings':
      path.push('settings');
      break;
  }
  const search = query.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const getHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseRoute(hash);
}
