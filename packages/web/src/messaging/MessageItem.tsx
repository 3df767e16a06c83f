import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { formatDateTime } from '../shared/dates';
import { openAttachment } from './attachments';

const MessageItem_message = graphql(`
  fragment MessageItem_message on Message {
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
`);

interface Props {
  message: FragmentRef<typeof MessageItem_message>;
  /** The viewer's id: their own letters show who read them and may be retracted. */
  me: string | undefined;
  /** The conversation's participants' names by id. */
  names: ReadonlyMap<string, string>;
  onRetract: (messageId: string) => void;
}

/** One letter of a conversation: author, time, text (or why it was retracted), files, and for its author who read it. */
export function MessageItem({ me, names, onRetract, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const m = useOwnFragment(MessageItem_message, props.message);
  if (!m) return null;
  const mine = m.authorId === me;
  const readers = m.readBy.filter((r) => r.readerId !== m.authorId);
  return (
    <li className={`message${mine ? ' message--mine' : ''}`} data-testid={`message-${m.id}`}>
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
                if (window.confirm(t('messages.retractConfirm'))) onRetract(m.id);
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
}
