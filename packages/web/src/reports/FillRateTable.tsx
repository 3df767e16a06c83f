import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatPercent } from '../journal/marks';
import { ScreenError } from '../shared/ScreenError';

const FillRateQuery = graphql(`
  query FillRate($schoolId: ID!, $periodId: ID!) {
    fillRate(schoolId: $schoolId, periodId: $periodId) {
      asOf
      rows {
        group {
          id
          name
        }
        subject {
          id
          name
        }
        teachers {
          id
          shortName
        }
        lessonsHeld
        lessonsWithoutTopic {
          id
        }
        lessonsWithoutHomework {
          id
        }
        markCount
        marksLate
        marksBackdated
        studentCount
        studentsWithoutMarks {
          id
        }
        withoutMarksShare
        oneMarkShare
      }
    }
  }
`);

/** R-R2: how fully and timely each journal is kept: the administration's control table. */
export function FillRateTable({ schoolId, periodId }: { schoolId: string; periodId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(FillRateQuery, { variables: { schoolId, periodId } });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;

  return (
    <div className="card">
      <h2 className="subheading">{t('reports.fillTitle', { date: data.fillRate.asOf })}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="table" data-testid="fill-rate">
          <thead>
            <tr>
              <th>{t('reports.group')}</th>
              <th>{t('reports.teachers')}</th>
              <th>{t('reports.lessonsHeld')}</th>
              <th>{t('reports.withoutTopic')}</th>
              <th>{t('reports.withoutHomework')}</th>
              <th>{t('reports.marks')}</th>
              <th>{t('reports.late')}</th>
              <th>{t('reports.withoutMarks')}</th>
              <th>{t('reports.oneMark')}</th>
            </tr>
          </thead>
          <tbody>
            {data.fillRate.rows.map((row) => (
              <tr key={row.group.id} className={row.lessonsWithoutTopic.length > 0 || row.studentsWithoutMarks.length > 0 ? 'row--warn' : undefined}>
                <td>
                  {row.group.name} · {row.subject.name}
                </td>
                <td>{row.teachers.map((x) => x.shortName).join(', ')}</td>
                <td>{row.lessonsHeld}</td>
                <td>{row.lessonsWithoutTopic.length}</td>
                <td>{row.lessonsWithoutHomework.length}</td>
                <td>{row.markCount}</td>
                <td>
                  {row.marksLate} / {row.marksBackdated}
                </td>
                <td>
                  {row.studentsWithoutMarks.length} / {row.studentCount} ({formatPercent(row.withoutMarksShare, lng)})
                </td>
                <td>{formatPercent(row.oneMarkShare, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
