import './home.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { pollInterval } from '../messaging/links';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';

const NoticeItem_notice = graphql(`
  fragment NoticeItem_notice on Notice {
    id
    eventId
    kind
    title
    body
    at
    readAt
    url
  }
`);

const NoticeListDocument = graphql(`
  query NoticeList {
    notices(first: 100) {
      id
      readAt
      ...NoticeItem_notice
    }
  }
`);

export const MarkNoticesReadDocument = graphql(`
  mutation MarkNoticesRead {
    markNoticesRead
  }
`);

export const UnreadNoticesDocument = graphql(`
  query UnreadNotices {
    unreadNoticeCount
  }
`);

/**
 * One notice: what happened, when, and where it opens. The server's link carries the diary week
 * and the item (`#/diary/<student>?week=<Monday>&highlight=<id>`), so a tap opens exactly that week.
 */
export function NoticeItem(props: { notice: FragmentRef<typeof NoticeItem_notice> }) {
  const { t, i18n } = useTranslation();
  const notice = useOwnFragment(NoticeItem_notice, props.notice);
  if (!notice) return null;
  return (
    <li className={`notice-item${notice.readAt ? '' : ' notice-item--unread'}`} data-testid={`notice-${notice.id}`}>
      <div className="notice-item__head">
        <span className="tag">{t(`notices.kind.${notice.kind}`)}</span>
        {notice.readAt ? null : <span className="tag tag--warn">{t('notices.unread')}</span>}
        <span className="muted notice-item__at">{formatDateTime(notice.at, i18n.resolvedLanguage ?? 'ru')}</span>
      </div>
      {notice.url ? (
        <a className="notice-item__title" href={notice.url} data-testid={`notice-link-${notice.id}`}>
          {notice.title}
        </a>
      ) : (
        <span className="notice-item__title">{notice.title}</span>
      )}
      <p className="notice-item__body">{notice.body}</p>
    </li>
  );
}

/** The in-app notification list (R-C4): everything the person was told, newest first. */
export function NoticesScreen() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(NoticeListDocument, { fetchPolicy: 'cache-and-network', pollInterval: pollInterval() });
  const [markRead, marking] = useMutation(MarkNoticesReadDocument, { refetchQueries: [NoticeListDocument, UnreadNoticesDocument] });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const unread = data.notices.some((n) => !n.readAt);
  return (
    <section className="notices" aria-labelledby="notices-title">
      <div className="toolbar">
        <h1 id="notices-title" className="page-title">
          {t('notices.title')}
        </h1>
        {unread ? (
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={marking.loading}
            onClick={() => void markRead()}
            data-testid="notices-mark-read"
          >
            {t('notices.markRead')}
          </button>
        ) : null}
      </div>
      {data.notices.length === 0 ? (
        <p className="card muted">{t('notices.empty')}</p>
      ) : (
        <ul className="card plain-list notice-list" data-testid="notice-list">
          {data.notices.map((n) => (
            <NoticeItem key={n.id} notice={n} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The nav's link to the list, with the unread count (asked again like the inbox badge). */
export function NoticesNavLink({ current }: { current: boolean }) {
  const { t } = useTranslation();
  const { data } = useQuery(UnreadNoticesDocument, { pollInterval: pollInterval() });
  const count = data?.unreadNoticeCount ?? 0;
  return (
    <a className="nav__link" href="#/notices" aria-current={current ? 'page' : undefined} data-testid="nav-notices">
      {count > 0 ? t('notices.navCount', { count }) : t('notices.nav')}
    </a>
  );
}
