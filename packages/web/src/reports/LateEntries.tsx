import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatDateTime } from '../shared/dates';
import { ControlCard } from './ControlCard';
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
  const roster = useSchoolRoster();
  const query = useQuery(LateEntriesQuery, { variables: { periodId }, fetchPolicy: 'cache-and-network' });
  return (
    <ControlCard
      title={t('control.late.title')}
      testId="late-entries"
      query={query}
      rows={query.data?.lateEntries}
      empty={t('control.late.none')}
      renderRow={(e) => (
        <li key={e.id} data-testid={`late-entry-${e.id}`}>
          <strong>{t(`control.late.kind.${e.kind}`)}</strong> · {roster.groupName(e.groupId)}
          <div className="muted">{t('control.late.when', { at: formatDateTime(e.at, lng), due: formatDateTime(e.dueAt, lng) })}</div>
          <div>{t('control.reason', { reason: e.reason })}</div>
        </li>
      )}
    />
  );
}
