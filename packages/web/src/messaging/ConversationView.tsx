import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { openAttachment } from './attachments';
import { ComposeBox } from './ComposeBox';
import { commsHref, pollInterval } from './links';
import { UnreadCountDocument } from './UnreadBadge';

const ConversationDocument = graphql(`
  query Conversation($id: ID!) {
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
      messages {
        id
        authorId
        body
        sentAt
        retractedAt
        retractionReason
        attachments {
          id
          fileName
          size
          url
        }
        readBy {
          readerId
          at
        }
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

export function ConversationView({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ConversationDocument, {
    variables: { id: conversationId },
    pollInterval: pollInterval(),
    fetchPolicy: 'cache-and-network',
  });
  const [send] = useMutation(SendMessageDocument);
  const [markRead] = useMutation(MarkReadDocument, { refetchQueries: [UnreadCountDocument] });
  const [retract] = useMutation(RetractDocument);
  const end = useRef<HTMLDivElement>(null);

  const conversation = data?.conversation;
  const unread = conversation?.unreadCount ?? 0;
  // Opening (or a new message arriving in) the conversation reads it: receipts for the others.
  useEffect(() => {
    if (unread > 0) void markRead({ variables: { conversationId } });
  }, [unread, conversationId, markRead]);
  const count = conversation?.messages.length ?? 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [count]);

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
      <ol className="messages" data-testid="messages">
        {conversation.messages.map((m) => {
          const mine = m.authorId === me;
          const readers = m.readBy.filter((r) => r.readerId !== m.authorId);
          return (
            <li key={m.id} className={`message${mine ? ' message--mine' : ''}`} data-testid={`message-${m.id}`}>
              <div className="message__head">
                <span className="message__author">{names.get(m.authorId) ?? ''}</span>
                <span className="muted">{formatDateTime(m.sentAt, lng)}</span>
              </div>
              {m.retractedAt ? (
                <p className="message__retracted muted" data-testid="message-retracted">
                  {m.retractionReason ? t('messages.retractedReason', { reason: m.retractionReason }) : t('messages.retracted')}
                </p>
              ) : (
                <p className="message__body" data-testid="message-body">
                  {m.body}
                </p>
              )}
              {m.attachments.length > 0 ? (
                <ul className="message__files">
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <button type="button" className="button button--ghost button--small" onClick={() => void openAttachment(a.url, a.fileName)}>
                        {t('messages.file', { name: a.fileName, kb: Math.ceil(a.size / 1024) })}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              {mine ? (
                <div className="message__foot">
                  <span className="muted" data-testid="message-receipt">
                    {readers.length > 0
                      ? t('messages.readBy', { names: readers.map((r) => `${names.get(r.readerId) ?? ''} ${formatDateTime(r.at, lng)}`).join(', ') })
                      : t('messages.notRead')}
                  </span>
                  {!m.retractedAt ? (
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      onClick={() => {
                        if (window.confirm(t('messages.retractConfirm'))) void retract({ variables: { messageId: m.id } });
                      }}
                      data-testid={`retract-${m.id}`}
                    >
                      {t('messages.retract')}
                    </button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
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
