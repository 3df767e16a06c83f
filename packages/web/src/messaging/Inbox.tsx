import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { commsHref, pollInterval } from './links';

const InboxDocument = graphql(`
  query Inbox {
    viewer {
      id
    }
    conversations {
      id
      ...InboxItem_conversation
    }
  }
`);

const InboxItem_conversation = graphql(`
  fragment InboxItem_conversation on Conversation {
    id
    subject
    lastMessageAt
    unreadCount
    answerDueAt
    participants {
      id
      shortName
      kind
    }
    lastMessage {
      id
      body
      retractedAt
    }
  }
`);

export function Inbox() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(InboxDocument, { pollInterval: pollInterval(), fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const me = data.viewer?.id;

  return (
    <section aria-labelledby="inbox-title">
      <div className="toolbar">
        <h1 id="inbox-title" className="page-title">
          {t('messages.title')}
        </h1>
        <a className="button button--primary" href={commsHref({ page: 'compose' })} data-testid="compose-new">
          {t('messages.newConversation')}
        </a>
      </div>
      {data.conversations.length === 0 ? <p className="card muted">{t('messages.empty')}</p> : null}
      <ul className="card inbox" data-testid="inbox">
        {data.conversations.map((c) => (
          <InboxItem key={c.id} conversation={c} me={me} />
        ))}
      </ul>
    </section>
  );
}

/** One conversation of the inbox: its subject, the others in it, the last letter, and what waits. */
function InboxItem({ me, ...props }: { conversation: FragmentRef<typeof InboxItem_conversation>; me: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const c = useOwnFragment(InboxItem_conversation, props.conversation);
  if (!c) return null;
  const others = c.participants.filter((p) => p.id !== me && p.kind === 'MEMBER').map((p) => p.shortName);
  return (
    <li className={c.unreadCount > 0 ? 'inbox__item inbox__item--unread' : 'inbox__item'}>
      <a href={commsHref({ page: 'conversation', conversationId: c.id })} data-testid={`conversation-${c.id}`}>
        <span className="inbox__subject">{c.subject}</span>
        <span className="inbox__people muted">{others.join(', ')}</span>
        <span className="inbox__preview muted">{c.lastMessage?.retractedAt ? t('messages.retracted') : (c.lastMessage?.body ?? '')}</span>
      </a>
      <span className="inbox__meta">
        <span className="muted">{formatDateTime(c.lastMessageAt, lng)}</span>
        {c.answerDueAt ? <span className="badge badge--muted">{t('messages.due', { date: formatDateTime(c.answerDueAt, lng) })}</span> : null}
        {c.unreadCount > 0 ? (
          <span className="badge" data-testid={`conversation-unread-${c.id}`}>
            {c.unreadCount}
          </span>
        ) : null}
      </span>
    </li>
  );
}
