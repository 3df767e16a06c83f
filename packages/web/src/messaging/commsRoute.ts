/**
 * The hash routes of the live monitor, messaging, the class wall and the calendar (one `comms`
 * route of the app router, so their screens stay in their own folders):
 *
 *   #/monitor/<classId>             the class teacher's live monitor (the first led class without id)
 *   #/messages                      the inbox
 *   #/messages/new?to=<personId>    a new conversation
 *   #/messages/new?parentsOf=<id>   a new conversation with a pupil's parents, about that pupil
 *   #/messages/<conversationId>     a conversation
 *   #/overdue                       letters past their answer date
 *   #/notifications                 notification settings
 *   #/classes/<classId>/wall        a class wall (#/wall: the first class the viewer has)
 *   #/calendar?month=<YYYY-MM>      school and class events
 */
export type CommsView =
  | { page: 'monitor'; classId?: string }
  | { page: 'messages' }
  | { page: 'compose'; to?: string; parentsOf?: string }
  | { page: 'conversation'; conversationId: string }
  | { page: 'overdue' }
  | { page: 'notifications' }
  | { page: 'wall'; classId?: string }
  | { page: 'calendar'; month?: string };

const MONTH = /^\d{4}-\d{2}$/;

export function parseCommsView(parts: readonly string[], query: URLSearchParams): CommsView | null {
  switch (parts[0]) {
    case 'monitor':
      return { page: 'monitor', classId: parts[1] };
    case 'messages':
      if (parts[1] === 'new') return { page: 'compose', to: query.get('to') || undefined, parentsOf: query.get('parentsOf') || undefined };
      return parts[1] ? { page: 'conversation', conversationId: parts[1] } : { page: 'messages' };
    case 'overdue':
      return { page: 'overdue' };
    case 'notifications':
      return { page: 'notifications' };
    case 'wall':
      return { page: 'wall' };
    case 'classes':
      return parts[1] && parts[2] === 'wall' ? { page: 'wall', classId: parts[1] } : null;
    case 'calendar': {
      const month = query.get('month');
      return { page: 'calendar', month: month && MONTH.test(month) ? month : undefined };
    }
    default:
      return null;
  }
}

/** The path parts of a view; its query parameters go into `query`. */
export function commsPath(view: CommsView, query: URLSearchParams): string[] {
  switch (view.page) {
    case 'monitor':
      return view.classId ? ['monitor', view.classId] : ['monitor'];
    case 'messages':
      return ['messages'];
    case 'compose':
      if (view.to) query.set('to', view.to);
      if (view.parentsOf) query.set('parentsOf', view.parentsOf);
      return ['messages', 'new'];
    case 'conversation':
      return ['messages', view.conversationId];
    case 'overdue':
      return ['overdue'];
    case 'notifications':
      return ['notifications'];
    case 'wall':
      return view.classId ? ['classes', view.classId, 'wall'] : ['wall'];
    case 'calendar':
      if (view.month) query.set('month', view.month);
      return ['calendar'];
  }
}
