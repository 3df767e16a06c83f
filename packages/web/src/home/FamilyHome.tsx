import './home.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import type { FamilyHomeQuery } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { describeDiaryEvent, DiaryLiveDocument, type DiaryEvent } from '../live/useDiaryLive';
import { useLiveStream } from '../live/useLiveStream';
import { pollInterval } from '../messaging/links';
import { routeHref } from '../routing/route';
import { formatDate, formatDateTime, mondayOf, todayIso } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { GiveConsent, WithdrawConsent } from './Consent';
import { MarkNoticesReadDocument, NoticeItem } from './NoticesScreen';

const FamilyHomeDocument = graphql(`
  query FamilyHome {
    viewer {
      id
      fullName
      roles
      children {
        id
        fullName
        diaryAccess
        ...ChildCard_child
      }
    }
    notices(first: 50) {
      id
      eventId
      readAt
      ...NoticeItem_notice
    }
  }
`);

/** R-J7: the teachers' warnings of a period mark below the average (the home page and the diary's term). */
export const FamilyWarningsDocument = graphql(`
  query FamilyWarnings($studentId: ID!) {
    intendedMarkNotices(studentId: $studentId) {
      id
      subjectName
      intendedMark
      average
      reason
      inTime
      periodId
      createdAt
    }
  }
`);

const ChildCard_child = graphql(`
  fragment ChildCard_child on Student {
    id
    fullName
    diaryAccess
    schoolClass {
      id
      name
    }
    consents {
      id
      active
      givenAt
      givenById
    }
  }
`);

type Viewer = NonNullable<FamilyHomeQuery['viewer']>;

/** A diary the home page follows: a child's (with consent) or the student's own. */
interface Diary {
  id: string;
  name: string;
}

/**
 * A diary event not among the notices: homework and topics have none, and the worker writes the
 * others a moment after the event. Replayed on the next visit from this device's cursor.
 */
interface LiveNews {
  id: string;
  studentId: string;
  text: string;
  href: string;
  at: string;
}

/** The most diary events the page lists; the notices and the diary hold the rest. */
const MAX_LIVE = 30;

/**
 * The family's start page: what changed since the last visit (the unread in-app notices, and live
 * events as they happen), each child's diary, consent and the teachers' warnings.
 */
export function FamilyHome() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(FamilyHomeDocument, { fetchPolicy: 'cache-and-network', pollInterval: pollInterval() });
  const [markRead, marking] = useMutation(MarkNoticesReadDocument);
  const [live, setLive] = useState<LiveNews[]>([]);
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  const viewer = data?.viewer;
  if (!viewer || !data) return <p className="muted">{t('app.loading')}</p>;

  const diaries: Diary[] = [
    ...(viewer.roles.includes('STUDENT') ? [{ id: viewer.id, name: viewer.fullName }] : []),
    ...viewer.children.filter((c) => c.diaryAccess === 'ALLOWED').map((c) => ({ id: c.id, name: c.fullName })),
  ];
  const unread = data.notices.filter((n) => !n.readAt);
  const known = new Set(data.notices.map((n) => n.eventId));
  const fresh = live.filter((l) => !known.has(l.id));
  const onLive = (news: LiveNews) => {
    setLive((prev) => [news, ...prev].slice(0, MAX_LIVE));
    // The notice follows from the outbox in a moment: ask for it then.
    setTimeout(() => void refetch(), 1500);
  };

  return (
    <div className="family-home">
      {diaries.map((d) => (
        <DiaryFollower key={d.id} viewerId={viewer.id} diary={d} multiple={diaries.length > 1} onNews={onLive} />
      ))}
      <section className="card family-home__news" aria-labelledby="home-news-title" data-testid="home-news">
        <div className="family-home__head">
          <h1 id="home-news-title" className="section-title">
            {t('home.newTitle')}
          </h1>
          <a href={routeHref({ name: 'notices' })} data-testid="home-all-notices">
            {t('home.allNotices')}
          </a>
        </div>
        {fresh.length === 0 && unread.length === 0 ? <p className="muted">{t('home.newEmpty')}</p> : null}
        <ul className="plain-list notice-list">
          {fresh.map((l) => (
            <li key={l.id} className="notice-item notice-item--unread" data-testid="home-live">
              <a href={l.href}>{l.text}</a>
              <span className="muted"> · {formatDateTime(l.at, i18n.resolvedLanguage ?? 'ru')}</span>
            </li>
          ))}
          {unread.map((n) => (
            <NoticeItem key={n.id} notice={n} />
          ))}
        </ul>
        {unread.length + fresh.length > 0 ? (
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={marking.loading}
            onClick={() => void markRead().then(() => (setLive([]), refetch()))}
            data-testid="home-seen"
          >
            {t('home.seen')}
          </button>
        ) : null}
      </section>
      {viewer.roles.includes('STUDENT') ? <SelfCard viewer={viewer} /> : null}
      {viewer.children.length > 0 ? (
        <section aria-labelledby="home-children-title">
          <h2 id="home-children-title" className="section-title">
            {t('home.children')}
          </h2>
          <div className="family-home__children">
            {viewer.children.map((c) => (
              <ChildCard key={c.id} child={c} viewerId={viewer.id} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

/**
 * Follows one diary live and tells the home page what came. Its cursor is this device's, per person
 * and diary, apart from the diary screen's: opening the home replays what changed since the last visit.
 */
function DiaryFollower({ viewerId, diary, multiple, onNews }: { viewerId: string; diary: Diary; multiple: boolean; onNews: (news: LiveNews) => void }) {
  const { t } = useTranslation();
  useLiveStream({
    stream: `home.${viewerId}.${diary.id}`,
    remember: 'device',
    document: DiaryLiveDocument,
    variables: { studentId: diary.id },
    pick: (data) => data.diaryEvents,
    onEvent: (event: DiaryEvent) => {
      const text = describeDiaryEvent(t, event, event.mark?.subject.name ?? event.lesson?.subject.name ?? '');
      if (!text) return;
      const date = event.mark?.date ?? event.attendance?.date ?? event.lesson?.date;
      const item = event.mark?.id ?? event.attendance?.id ?? event.remark?.id ?? event.lesson?.id;
      onNews({
        id: event.id,
        studentId: diary.id,
        text: multiple ? `${diary.name.split(/\s+/)[1] ?? diary.name}: ${text}` : text,
        href: routeHref({ name: 'diary', studentId: diary.id, week: date ? mondayOf(date) : undefined, highlight: item }),
        at: event.at,
      });
    },
    onExpired: () => undefined,
  });
  return null;
}

function DiaryLinks({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  return (
    <div className="family-home__links">
      <a
        className="button button--ghost button--small"
        href={routeHref({ name: 'diary', studentId, week: mondayOf(todayIso()) })}
        data-testid={`home-week-${studentId}`}
      >
        {t('home.openWeek')}
      </a>
      <a className="button button--ghost button--small" href={routeHref({ name: 'term', studentId })} data-testid={`home-term-${studentId}`}>
        {t('home.openTerm')}
      </a>
      <a className="button button--ghost button--small" href={routeHref({ name: 'progress', studentId })} data-testid={`home-report-${studentId}`}>
        {t('progress.tab')}
      </a>
    </div>
  );
}

function SelfCard({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  return (
    <article className="card family-child" data-testid="home-self">
      <h2 className="subheading">{t('home.myDiary')}</h2>
      <DiaryLinks studentId={viewer.id} />
      <Warnings studentId={viewer.id} />
    </article>
  );
}

function ChildCard({ viewerId, ...props }: { child: FragmentRef<typeof ChildCard_child>; viewerId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const child = useOwnFragment(ChildCard_child, props.child);
  if (!child) return null;
  const mine = child.consents.find((c) => c.active && c.givenById === viewerId);
  const open = child.diaryAccess === 'ALLOWED';
  return (
    <article className="card family-child" data-testid="child">
      <h3 className="subheading">
        {child.fullName}
        {child.schoolClass ? <span className="badge">{t('children.schoolClass', { name: child.schoolClass.name })}</span> : null}
      </h3>
      {open ? <DiaryLinks studentId={child.id} /> : null}
      <div className="family-consent" data-testid={`home-consent-${child.id}`}>
        <span className="family-consent__label">{t('consentOnline.title')}: </span>
        {mine ? (
          <>
            <span>{t('consentOnline.given', { date: formatDateTime(mine.givenAt, lng) })}</span>{' '}
            <WithdrawConsent consentId={mine.id} childName={child.fullName} />
          </>
        ) : (
          <>
            <span className="muted">{t('consentOnline.missing')}</span> <GiveConsent studentId={child.id} childName={child.fullName} />
          </>
        )}
      </div>
      {open ? <Warnings studentId={child.id} /> : null}
    </article>
  );
}

/** R-J7: a teacher's warning that the period mark will be below the average, and why. */
function Warnings({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const { data } = useQuery(FamilyWarningsDocument, { variables: { studentId }, fetchPolicy: 'cache-and-network' });
  const warnings = data?.intendedMarkNotices ?? [];
  if (warnings.length === 0) return null;
  return (
    <div className="family-warnings" role="note" data-testid={`home-warnings-${studentId}`}>
      <h4 className="family-warnings__title">{t('home.warningsTitle')}</h4>
      <ul className="plain-list">
        {warnings.map((w) => (
          <li key={w.id} data-testid={`home-warning-${w.id}`}>
            <a href={routeHref({ name: 'term', studentId, periodId: w.periodId })}>
              <strong>{t('home.warning', { subject: w.subjectName, mark: w.intendedMark, average: w.average })}</strong>
            </a>
            <br />
            <span>{t('home.warningReason', { reason: w.reason })}</span>{' '}
            <span className="muted">
              · {formatDate(w.createdAt.slice(0, 10), lng, { day: 'numeric', month: 'long' })}
              {w.inTime ? '' : ` · ${t('home.warningLate')}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
