import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatPercent } from '../journal/marks';
import { ScreenError } from '../shared/ScreenError';

const AuthorityStatisticsQuery = graphql(`
  query AuthorityStatistics($periodNumber: Int!) {
    authoritySummary {
      schoolId
      schoolName
      classCount
      studentCount
      teacherCount
    }
    authorityStatistics(periodNumber: $periodNumber) {
      periodNumber
      schools {
        id
        schoolName
        periodName
        studentCount
        stats {
          fives
          fours
          threes
          failing
          notAttested
          quality
          success
        }
        attendance {
          missed
          ill
          late
        }
      }
      total {
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

const PERIOD_NUMBERS = [1, 2, 3, 4] as const;

/** R-R4: an inspector's view of the authority's schools, in aggregate: counts and shares, never a name of a person. */
export function AuthorityStatistics() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const [periodNumber, setPeriodNumber] = useState<number>(1);
  const { data, error, refetch } = useQuery(AuthorityStatisticsQuery, { variables: { periodNumber } });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const { authoritySummary: schools, authorityStatistics: stats } = data;

  return (
    <div data-testid="authority-statistics">
      <div className="card">
        <h2 className="subheading">{t('authority.schools')}</h2>
        <div className="table-scroll" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('authority.school')}</th>
                <th scope="col">{t('authority.classes')}</th>
                <th scope="col">{t('authority.students')}</th>
                <th scope="col">{t('authority.teachers')}</th>
              </tr>
            </thead>
            <tbody>
              {schools.map((s) => (
                <tr key={s.schoolId}>
                  <th scope="row">{s.schoolName}</th>
                  <td>{s.classCount}</td>
                  <td>{s.studentCount}</td>
                  <td>{s.teacherCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card">
        <div className="toolbar">
          <h2 className="subheading">{t('authority.marks')}</h2>
          <div className="segmented" role="group" aria-label={t('authority.period')}>
            {PERIOD_NUMBERS.map((n) => (
              <button key={n} type="button" aria-pressed={n === periodNumber} onClick={() => setPeriodNumber(n)} data-testid={`authority-period-${n}`}>
                {t('authority.periodNumber', { number: n })}
              </button>
            ))}
          </div>
        </div>
        <div className="table-scroll" tabIndex={0}>
          <table className="table" data-testid="authority-marks">
            <thead>
              <tr>
                <th scope="col">{t('authority.school')}</th>
                <th scope="col">«5»</th>
                <th scope="col">«4»</th>
                <th scope="col">«3»</th>
                <th scope="col">«2»</th>
                <th scope="col">{t('authority.notAttested')}</th>
                <th scope="col">{t('reports.quality')}</th>
                <th scope="col">{t('reports.success')}</th>
                <th scope="col">{t('reports.missed')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.schools.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.schoolName}
                    {s.periodName ? <span className="muted"> · {s.periodName}</span> : null}
                  </th>
                  <td>{s.stats.fives}</td>
                  <td>{s.stats.fours}</td>
                  <td>{s.stats.threes}</td>
                  <td>{s.stats.failing}</td>
                  <td>{s.stats.notAttested}</td>
                  <td>{formatPercent(s.stats.quality, lng)}</td>
                  <td>{formatPercent(s.stats.success, lng)}</td>
                  <td>{s.attendance.missed}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('authority.total')}</th>
                <td>{stats.total.fives}</td>
                <td>{stats.total.fours}</td>
                <td>{stats.total.threes}</td>
                <td>{stats.total.failing}</td>
                <td>{stats.total.notAttested}</td>
                <td>{formatPercent(stats.total.quality, lng)}</td>
                <td>{formatPercent(stats.total.success, lng)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </div>
  );
}
