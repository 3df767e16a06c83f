import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';

const DutyPrintoutsQuery = graphql(`
  query DutyPrintouts($schoolId: ID!, $from: LocalDate!, $to: LocalDate!) {
    duties(schoolId: $schoolId, from: $from, to: $to) {
      kind
      classId
      dueOn
      doneAt
      doneBySystem
      outputUrl
    }
  }
`);

/**
 * Issue 18: the printouts of a class's duties in the period (003 §2.2.2-2.2.3): the list for the families
 * informed on paper at each due date, and the preliminary report to the deputy directors (PDF, XLSX).
 */
export function DutyPrintouts(props: {
  schoolId: string;
  classId: string;
  period: { startsOn: string; endsOn: string };
  download: (path: string, filename: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { data } = useQuery(DutyPrintoutsQuery, { variables: { schoolId: props.schoolId, from: props.period.startsOn, to: props.period.endsOn } });
  const duties = (data?.duties ?? []).filter((d) => d.classId === props.classId && d.outputUrl);
  if (!duties.length) return null;
  return (
    <div className="no-print" data-testid="duty-printouts">
      <h3 className="subheading">{t('reports.dutyPrintouts')}</h3>
      <ul>
        {duties.map((d) => (
          <li key={`${d.kind}/${d.dueOn}`}>
            {t(`reports.duty.${d.kind === 'PRELIMINARY_REPORT' ? 'preliminary' : 'parentsInformed'}`, { date: d.dueOn })}
            {d.doneAt ? ` — ${d.doneBySystem ? t('reports.duty.doneBySystem') : t('reports.duty.done')}` : ''}{' '}
            {(d.kind === 'PRELIMINARY_REPORT' ? (['pdf', 'xlsx'] as const) : (['pdf'] as const)).map((f) => (
              <button
                key={f}
                type="button"
                className="button button--small"
                onClick={() =>
                  void props.download(
                    d.outputUrl!.replace(/\.pdf$/, `.${f}`),
                    `${t(`reports.duty.file.${d.kind === 'PRELIMINARY_REPORT' ? 'preliminary' : 'parentsInformed'}`)} ${d.dueOn}.${f}`,
                  )
                }
                data-testid={`printout-${d.kind}-${d.dueOn}-${f}`}
              >
                {f.toUpperCase()}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
