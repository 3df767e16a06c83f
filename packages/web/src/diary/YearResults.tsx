import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { FinalMarkKind } from '../gql/graphql';

const StudentYearMarksDocument = graphql(`
  query StudentYearMarks($studentId: ID!, $yearId: ID!) {
    studentYearMarks(studentId: $studentId, yearId: $yearId) {
      id
      kind
      value
      postponedUntil
      periodId
      subject {
        id
        name
      }
    }
  }
`);

const YEAR_KINDS: readonly Exclude<FinalMarkKind, 'PERIOD'>[] = ['ANNUAL', 'EXAM', 'FINAL'];

interface Props {
  studentId: string;
  yearId: string;
  periods: readonly { id: string; name: string }[];
}

/** R-D2, R-D4: the year at a glance, as the paper diary's last page: each subject's period marks, the year's, the exam's and the final one. */
export function YearResults({ studentId, yearId, periods }: Props) {
  const { t } = useTranslation();
  const { data } = useQuery(StudentYearMarksDocument, { variables: { studentId, yearId }, fetchPolicy: 'cache-and-network' });
  if (!data) return null;
  const subjects = new Map<string, { name: string; cells: Map<string, string> }>();
  for (const m of data.studentYearMarks) {
    const row = subjects.get(m.subject.id) ?? { name: m.subject.name, cells: new Map() };
    row.cells.set(m.kind === 'PERIOD' ? (m.periodId ?? '') : m.kind, m.value ?? '…');
    subjects.set(m.subject.id, row);
  }
  const rows = [...subjects.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  // Exam and final columns only when some subject has one.
  const kinds = YEAR_KINDS.filter((k) => k === 'ANNUAL' || rows.some((r) => r.cells.has(k)));
  return (
    <section className="card year-marks" aria-labelledby="year-marks-title" data-testid="year-marks">
      <h2 id="year-marks-title" className="subheading">
        {t('yearMarks.title')}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('yearMarks.empty')}</p>
      ) : (
        <table aria-label={t('yearMarks.tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('yearMarks.subject')}</th>
              {periods.map((p, i) => (
                <th key={p.id} scope="col" title={p.name}>
                  {t('yearMarks.period', { n: i + 1 })}
                </th>
              ))}
              {kinds.map((k) => (
                <th key={k} scope="col">
                  {t(`yearMarks.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                {[...periods.map((p) => p.id), ...kinds].map((key) => (
                  <td key={key} data-testid={`year-mark-${r.name}-${key}`}>
                    {r.cells.get(key) ?? '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
