import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { commsHref, pollInterval } from './links';
import { useMessageLive } from './useMessageLive';

export const UnreadCountDocument = graphql(`
  query UnreadMessageCount {
    unreadMessageCount
  }
`);

/** The header's way to the inbox, with the number of unread messages, live through `messageEvents`. */
export function UnreadBadge({ schoolId }: { schoolId: string | null }) {
  const { t } = useTranslation();
  useMessageLive(schoolId);
  const { data } = useQuery(UnreadCountDocument, { pollInterval: pollInterval() });
  const count = data?.unreadMessageCount ?? 0;
  return (
    <a className="header__messages" href={commsHref({ page: 'messages' })} data-testid="nav-messages">
      {t('messages.nav')}
      {count > 0 ? (
        <span className="badge unread-badge" aria-label={t('messages.unread', { count })} data-testid="unread-badge">
          {count}
        </span>
      ) : null}
    </a>
  );
}
