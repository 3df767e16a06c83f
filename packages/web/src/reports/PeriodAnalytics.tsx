import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatPercent } from '../journal/marks';
import { ScreenError } from '../shared/ScreenError';

const PeriodAnalyticsQuery = graphql(`
  query PeriodAnalytics($periodId: ID!) {
    periodAnalytics(periodId: $periodId) {
      schoolClass {
        id
        name
      }
      subject {
        id
        name
      }
      stats {
        fives
        fours
        threes
        failing
        notAttested
        quality
        success
      }
    }
  }
`);

const BANDS = ['fives', 'fours', 'threes', 'failing', 'notAttested'] as const;

/**
 * R-R4: the period marks per class and subject as a stacked bar (5/4/3/2/not attested), with
 * качество and успеваемость. A bar of plain elements: it prints, scales to a phone, needs no library.
 */
export function PeriodAnalytics({ periodId }: { periodId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(PeriodAnalyticsQuery, { variables: { periodId } });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const rows = data.periodAnalytics;

  return (
    <div className="card">
      <h2 className="subheading">{t('reports.analyticsTitle')}</h2>
      <ul className="legend" aria-hidden="true">
        {BANDS.map((b) => (
          <li key={b}>
            <span className={`legend__swatch band--${b}`} /> {t(`reports.band.${b}`)}
          </li>
        ))}
      </ul>
      {rows.length === 0 ? <p className="muted">{t('reports.noData')}</p> : null}
      <div className="chart" data-testid="period-analytics">
        {rows.map((row) => {
          const total = BANDS.reduce((sum, b) => sum + row.stats[b], 0);
          const label = `${row.schoolClass.name} · ${row.subject.name}`;
          return (
            <div key={`${row.schoolClass.id}:${row.subject.id}`} className="chart__row">
              <span className="chart__label">{label}</span>
              <div className="chart__bar" role="img" aria-label={`${label}: ${BANDS.map((b) => `${t(`reports.band.${b}`)} ${row.stats[b]}`).join(', ')}`}>
                {BANDS.map((b) =>
                  row.stats[b] > 0 ? (
                    <span
                      key={b}
                      className={`chart__segment band--${b}`}
                      style={{ flexGrow: row.stats[b] }}
                      title={`${t(`reports.band.${b}`)}: ${row.stats[b]}`}
                    >
                      {row.stats[b]}
                    </span>
                  ) : null,
                )}
                {total === 0 ? <span className="muted">—</span> : null}
              </div>
              <span className="chart__figures">
                {t('reports.quality')} {formatPercent(row.stats.quality, lng)} · {t('reports.success')} {formatPercent(row.stats.success, lng)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
