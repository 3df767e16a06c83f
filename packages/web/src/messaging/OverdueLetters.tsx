import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { commsHref, pollInterval } from './links';

export const OverdueDocument = graphql(`
  query OverdueLetters($schoolId: ID!) {
    overdueLetters(schoolId: $schoolId) {
      conversationId
      subject
      from
      to
      className
      awaitingSince
      answerDueAt
    }
  }
`);

/** R-C2: families' letters past their answer date, for class teachers and deputies. */
export function OverdueLetters({ schoolId }: { schoolId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(OverdueDocument, { variables: { schoolId }, pollInterval: pollInterval() });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="overdue-title">
      <h1 id="overdue-title" className="page-title">
        {t('overdue.title')}
      </h1>
      {data.overdueLetters.length === 0 ? <p className="card muted">{t('overdue.empty')}</p> : null}
      <ul className="card inbox" data-testid="overdue">
        {data.overdueLetters.map((l) => (
          <li key={l.conversationId} className="inbox__item">
            <a href={commsHref({ page: 'conversation', conversationId: l.conversationId })}>
              <span className="inbox__subject">
                {l.subject}
                {l.className ? ` · ${l.className}` : ''}
              </span>
              <span className="muted">
                {t('overdue.from')}: {l.from} · {t('overdue.to')}: {l.to.join(', ')}
              </span>
            </a>
            <span className="inbox__meta">
              <span className="muted">{t('overdue.waiting', { date: formatDateTime(l.awaitingSince, lng) })}</span>
              <span className="badge badge--danger">{t('overdue.due', { date: formatDateTime(l.answerDueAt, lng) })}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
