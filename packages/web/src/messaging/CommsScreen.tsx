import './comms.css';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { EventsCalendar } from '../calendar/EventsCalendar';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { ClassMonitor } from '../live/ClassMonitor';
import { ClassWall } from './ClassWall';
import type { CommsView } from './commsRoute';
import { ConversationView } from './ConversationView';
import { Inbox } from './Inbox';
import { commsHref } from './links';
import { NewConversation } from './NewConversation';
import { NotificationSettingsPage } from './NotificationSettingsPage';
import { OverdueLetters } from './OverdueLetters';

const CommsViewerDocument = graphql(`
  query CommsViewer {
    viewer {
      id
      roles
      school {
        id
      }
      ledClasses {
        id
      }
    }
  }
`);

/** Those who receive the copies of families' letters and see the overdue list (R-C2). */
const OVERSEERS: readonly Role[] = ['DIRECTOR', 'DEPUTY_DIRECTOR'];

/** Messaging, the class wall, the calendar, notification settings and the class monitor, under one section bar. */
export function CommsScreen({ view }: { view: CommsView }) {
  const { t } = useTranslation();
  const { data } = useQuery(CommsViewerDocument);
  const viewer = data?.viewer;
  const leads = (viewer?.ledClasses.length ?? 0) > 0;
  const oversees = leads || (viewer?.roles.some((r) => OVERSEERS.includes(r)) ?? false);
  const section = view.page === 'compose' || view.page === 'conversation' ? 'messages' : view.page;

  const links: { page: CommsView['page']; label: string; show: boolean }[] = [
    { page: 'messages', label: t('messages.nav'), show: true },
    { page: 'overdue', label: t('overdue.nav'), show: oversees },
    { page: 'monitor', label: t('monitor.nav'), show: leads },
    { page: 'wall', label: t('wall.nav'), show: true },
    { page: 'calendar', label: t('calendar.nav'), show: true },
    { page: 'notifications', label: t('notify.nav'), show: true },
  ];

  return (
    <div className="comms">
      <nav className="segmented comms__nav" aria-label={t('messages.nav')}>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <a
              key={l.page}
              href={commsHref({ page: l.page } as CommsView)}
              aria-current={section === l.page ? 'page' : undefined}
              data-testid={`comms-${l.page}`}
            >
              {l.label}
            </a>
          ))}
      </nav>
      {view.page === 'messages' ? (
        <Inbox />
      ) : view.page === 'compose' ? (
        <NewConversation to={view.to} parentsOf={view.parentsOf} />
      ) : view.page === 'conversation' ? (
        <ConversationView key={view.conversationId} conversationId={view.conversationId} />
      ) : view.page === 'overdue' ? (
        viewer?.school ? (
          <OverdueLetters schoolId={viewer.school.id} />
        ) : null
      ) : view.page === 'notifications' ? (
        <NotificationSettingsPage />
      ) : view.page === 'wall' ? (
        <ClassWall classId={view.classId} />
      ) : view.page === 'calendar' ? (
        <EventsCalendar month={view.month} />
      ) : (
        <ClassMonitor classId={view.classId} />
      )}
    </div>
  );
}
