import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { useSchoolRoster } from './roster';

const LateEntriesQuery = graphql(`
  query LateEntries($periodId: ID!) {
    lateEntries(periodId: $periodId) {
      id
      kind
      groupId
      at
      dueAt
      reason
    }
  }
`);

/** Issue 18: entries made after their deadline in the period, each with the reason its author gave. */
export function LateEntries({ periodId }: { periodId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const roster = useSchoolRoster();
  const { data, error, refetch } = useQuery(LateEntriesQuery, { variables: { periodId }, fetchPolicy: 'cache-and-network' });
  const entries = data?.lateEntries ?? [];
  return (
    <section className="card" aria-labelledby="late-entries-title" data-testid="late-entries">
      <h2 id="late-entries-title" className="subheading">
        {t('control.late.title')}
      </h2>
      {error && !data ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('control.late.none')}</p>
      ) : (
        <ul className="plain-list control-list">
          {entries.map((e) => (
            <li key={e.id} data-testid={`late-entry-${e.id}`}>
              <strong>{t(`control.late.kind.${e.kind}`)}</strong> · {roster.groupName(e.groupId)}
              <div className="muted">{t('control.late.when', { at: formatDateTime(e.at, lng), due: formatDateTime(e.dueAt, lng) })}</div>
              <div>{t('control.reason', { reason: e.reason })}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
