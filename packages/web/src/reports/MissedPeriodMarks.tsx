import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatDateTime } from '../shared/dates';
import { ControlCard } from './ControlCard';

const MissedPeriodMarksQuery = graphql(`
  query MissedPeriodMarks($periodId: ID!) {
    missedPeriodMarks(periodId: $periodId) {
      dueAt
      group {
        id
        name
        subject {
          id
          name
        }
      }
      students {
        id
        shortName
      }
    }
  }
`);

/** Issue 18 (001 §3.6.4): groups still without period marks once the deadline has passed; empty before it. */
export function MissedPeriodMarks({ periodId }: { periodId: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery(MissedPeriodMarksQuery, { variables: { periodId }, fetchPolicy: 'cache-and-network' });
  return (
    <ControlCard
      title={t('control.missed.title')}
      testId="missed-period-marks"
      query={query}
      rows={query.data?.missedPeriodMarks}
      empty={t('control.missed.none')}
      renderRow={(r) => (
        <li key={r.group.id} className="control-item--warn" data-testid={`missed-${r.group.id}`}>
          <strong>
            {r.group.name} · {r.group.subject.name}
          </strong>{' '}
          <span className="muted">{t('control.missed.due', { at: formatDateTime(r.dueAt, i18n.resolvedLanguage ?? 'ru') })}</span>
          <div>{t('control.missed.students', { n: r.students.length, names: r.students.map((s) => s.shortName).join(', ') })}</div>
        </li>
      )}
    />
  );
}
