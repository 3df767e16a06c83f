import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { ComposeBox } from './ComposeBox';
import { MessageItem } from './MessageItem';
import { commsHref, pollInterval } from './links';
import { UnreadCountDocument } from './UnreadBadge';

const ConversationDocument = graphql(`
  query Conversation($id: ID!, $first: Int!) {
    viewer {
      id
    }
    conversation(id: $id) {
      id
      subject
      kind
      unreadCount
      answerDueAt
      participants {
        id
        shortName
        kind
        staff
      }
      messages(first: $first) {
        id
        ...MessageItem_message
      }
    }
  }
`);

const SendMessageDocument = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

const MarkReadDocument = graphql(`
  mutation MarkConversationRead($conversationId: ID!) {
    markConversationRead(conversationId: $conversationId) {
      id
      unreadCount
    }
  }
`);

const RetractDocument = graphql(`
  mutation RetractMessage($messageId: ID!) {
    retractMessage(messageId: $messageId) {
      id
      body
      retractedAt
      retractionReason
      attachments {
        id
      }
    }
  }
`);

/** The latest messages a conversation opens with; each "earlier" adds as many. */
const PAGE = 50;
/** The server's page limit, one message more asked than shown: the largest window is 950. */
const MOST = 999;

export function ConversationView({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  // One window of the latest `first` messages, grown by "earlier": polling and live events keep all of it current
  // (a retraction, a receipt), and a new message cannot push an older one out between two pages. One message more
  // is asked than shown: whether it comes says whether there are earlier ones.
  const [first, setFirst] = useState(PAGE);
  const query = useQuery(ConversationDocument, {
    variables: { id: conversationId, first: first + 1 },
    pollInterval: pollInterval(),
    fetchPolicy: 'cache-and-network',
  });
  const { error, refetch } = query;
  // While a bigger window loads, the one before stays on screen.
  const growing = !query.data && query.previousData !== undefined;
  const data = query.data ?? query.previousData;
  const shown = growing ? first - PAGE : first;
  const [send] = useMutation(SendMessageDocument);
  const [markRead] = useMutation(MarkReadDocument, { refetchQueries: [UnreadCountDocument] });
  const [retract] = useMutation(RetractDocument);
  const end = useRef<HTMLDivElement>(null);

  const conversation = data?.conversation;
  const all = conversation?.messages ?? [];
  const earlier = all.length > shown;
  const messages = earlier ? all.slice(all.length - shown) : all;
  const unread = conversation?.unreadCount ?? 0;
  // Opening (or a new message arriving in) the conversation reads it: receipts for the others.
  useEffect(() => {
    if (unread > 0) void markRead({ variables: { conversationId } });
  }, [unread, conversationId, markRead]);
  // A new latest message scrolls to the end; earlier ones, added above, leave the reader where they are.
  const latest = messages.at(-1)?.id;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [latest]);

  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!conversation || !data) return <p className="muted">{t('app.loading')}</p>;
  const me = data.viewer?.id;
  const names = new Map(conversation.participants.map((p) => [p.id, p.shortName]));

  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <a className="muted" href={commsHref({ page: 'messages' })}>
        ‹ {t('messages.back')}
      </a>
      <h1 id="conversation-title" className="page-title">
        {conversation.subject}
      </h1>
      <p className="muted">
        {t('messages.participants')}:{' '}
        {conversation.participants.map((p) => (p.kind === 'COPY' ? `${p.shortName} (${t('messages.copy')})` : p.shortName)).join(', ')}
      </p>
      {conversation.answerDueAt ? <p className="badge badge--muted">{t('messages.due', { date: formatDateTime(conversation.answerDueAt, lng) })}</p> : null}
      {growing && error ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : (earlier || growing) && first + PAGE <= MOST ? (
        <button type="button" className="button button--ghost" disabled={growing} aria-busy={growing} onClick={() => setFirst(first + PAGE)}>
          {t('messages.earlier')}
        </button>
      ) : null}
      <ol className="messages" data-testid="messages">
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} me={me} names={names} onRetract={(messageId) => void retract({ variables: { messageId } })} />
        ))}
      </ol>
      <div ref={end} />
      <ComposeBox
        submitLabel={t('messages.send')}
        onSend={async (body, attachmentIds) => {
          await send({ variables: { input: { conversationId, body, attachmentIds } } });
          await refetch();
        }}
      />
    </section>
  );
}
