import './report.css';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatAverage, markTone } from '../journal/marks';
import { navigate } from '../routing/route';
import { addDays, formatDate, formatDateTime, todayIso } from '../shared/dates';
import { DiaryError } from './DiaryError';

const ProgressReportDocument = graphql(`
  query ProgressReport($studentId: ID!, $from: LocalDate!, $to: LocalDate!) {
    progressReport(studentId: $studentId, from: $from, to: $to) {
      from
      to
      generatedAt
      student {
        id
        fullName
        schoolClass {
          id
          name
        }
      }
      period {
        id
        name
      }
      attendance {
        lessons
        unexcused
        ill
        excused
        late
      }
      subjects {
        group {
          id
          scale
          subject {
            id
            name
          }
        }
        marks {
          id
          value
          date
          retracted
          workType {
            id
            name
          }
        }
        average {
          weighted
          markCount
        }
        prognosis {
          predicted
          weighted
        }
      }
    }
  }
`);

/** The report's default: the last two weeks up to today (R-C4's fortnightly report). */
const DEFAULT_DAYS = 14;

interface Props {
  studentId: string;
  from?: string;
  to?: string;
  self: boolean;
}

/**
 * R-C4, R-C5: a student's progress over chosen dates (the last two weeks by default): marks and their
 * average per subject, the period's prognosis and attendance. Printed by the browser (a print stylesheet
 * leaves out the app's navigation and the form).
 */
export function ProgressReport({ studentId, from: fromParam, to: toParam, self }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const id = useId();
  const to = toParam ?? todayIso();
  const from = fromParam ?? addDays(to, -(DEFAULT_DAYS - 1));
  const [draft, setDraft] = useState({ from, to });
  const { data, error, refetch } = useQuery(ProgressReportDocument, { variables: { studentId, from, to }, fetchPolicy: 'cache-and-network' });
  const report =
    data?.progressReport.from === from && data.progressReport.to === to && data.progressReport.student.id === studentId ? data.progressReport : null;

  function show(event: FormEvent) {
    event.preventDefault();
    navigate({ name: 'progress', studentId, from: draft.from, to: draft.to });
  }

  const day = (iso: string) => formatDate(iso, lng, { day: 'numeric', month: 'long' });
  const counts = report?.attendance;
  return (
    <div className="progress-report" data-testid="progress-report">
      <form className="progress-report__form no-print" onSubmit={show}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('progress.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            required
            data-testid="progress-from"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('progress.to')}</label>
          <input id={`${id}-to`} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required data-testid="progress-to" />
        </div>
        <button type="submit" className="button button--primary" data-testid="progress-show">
          {t('progress.show')}
        </button>
        <button type="button" className="button button--ghost" disabled={!report} onClick={() => window.print()} data-testid="progress-print">
          {t('progress.print')}
        </button>
      </form>
      {error && !report ? (
        <DiaryError error={error} self={self} studentId={studentId} onRetry={() => void refetch()} />
      ) : !report || !counts ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <article className="card progress-report__sheet">
          <h2 className="subheading" data-testid="progress-heading">
            {t('progress.heading', { name: report.student.fullName, from: day(report.from), to: day(report.to) })}
            {report.student.schoolClass ? <span className="muted"> · {t('children.schoolClass', { name: report.student.schoolClass.name })}</span> : null}
          </h2>
          {report.subjects.length === 0 ? (
            <p className="muted">{t('progress.empty')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="table progress-report__table" data-testid="progress-table">
                <thead>
                  <tr>
                    <th scope="col">{t('progress.subject')}</th>
                    <th scope="col">{t('progress.marks')}</th>
                    <th scope="col">{t('progress.average')}</th>
                    <th scope="col">
                      {t('progress.prognosis')}
                      {report.period ? <span className="progress-report__period">{report.period.name}</span> : null}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.subjects.map((s) => (
                    <tr key={s.group.id} data-testid={`progress-subject-${s.group.subject.name}`}>
                      <th scope="row">{s.group.subject.name}</th>
                      <td className="progress-report__marks">
                        {s.marks.filter((m) => !m.retracted).length === 0 ? (
                          <span className="muted">{t('progress.noMarks')}</span>
                        ) : (
                          s.marks
                            .filter((m) => !m.retracted)
                            .map((m) => (
                              <span key={m.id} className={`pmark tone-${markTone(m.value, s.group.scale)}`} title={`${day(m.date)} · ${m.workType.name}`}>
                                {m.value}
                              </span>
                            ))
                        )}
                      </td>
                      <td>{s.average.weighted ? formatAverage(s.average.weighted, lng) : '—'}</td>
                      <td>{s.prognosis?.predicted ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 className="subheading">{t('progress.attendance')}</h3>
          <ul className="plain-list progress-report__attendance" data-testid="progress-attendance">
            <li>{t('progress.lessons', { count: counts.lessons })}</li>
            <li>{t('progress.unexcused', { count: counts.unexcused })}</li>
            <li>{t('progress.ill', { count: counts.ill })}</li>
            <li>{t('progress.excused', { count: counts.excused })}</li>
            <li>{t('progress.late', { count: counts.late })}</li>
          </ul>
          <p className="muted">{t('progress.generated', { date: formatDateTime(report.generatedAt, lng) })}</p>
        </article>
      )}
    </div>
  );
}
