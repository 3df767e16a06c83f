import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';

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
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(MissedPeriodMarksQuery, { variables: { periodId }, fetchPolicy: 'cache-and-network' });
  const rows = data?.missedPeriodMarks ?? [];
  return (
    <section className="card" aria-labelledby="missed-period-marks-title" data-testid="missed-period-marks">
      <h2 id="missed-period-marks-title" className="subheading">
        {t('control.missed.title')}
      </h2>
      {error && !data ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('control.missed.none')}</p>
      ) : (
        <ul className="plain-list control-list">
          {rows.map((r) => (
            <li key={r.group.id} className="control-item--warn" data-testid={`missed-${r.group.id}`}>
              <strong>
                {r.group.name} · {r.group.subject.name}
              </strong>{' '}
              <span className="muted">{t('control.missed.due', { at: formatDateTime(r.dueAt, i18n.resolvedLanguage ?? 'ru') })}</span>
              <div>{t('control.missed.students', { n: r.students.length, names: r.students.map((s) => s.shortName).join(', ') })}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
