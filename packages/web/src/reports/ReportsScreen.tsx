import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { periodFor, todayIso } from '../shared/dates';
import { PeriodTabs } from '../shared/PeriodTabs';
import { ScreenError } from '../shared/ScreenError';
import { formatAverage, formatPercent } from '../journal/marks';
import { AuditLog } from './AuditLog';
import { AuthorityStatistics } from './AuthorityStatistics';
import { downloadExport } from './download';
import { DutyPrintouts } from './DutyPrintouts';
import { FillRateTable } from './FillRateTable';
import { JournalControl } from './JournalControl';
import { LateEntries } from './LateEntries';
import { MissedPeriodMarks } from './MissedPeriodMarks';
import { PeriodAnalytics } from './PeriodAnalytics';
import { StudentReports } from './StudentReports';

type Tab = 'summary' | 'analytics' | 'fill' | 'control' | 'audit' | 'student' | 'authority';

const ReportsScreenQuery = graphql(`
  query ReportsScreen {
    viewer {
      id
      fullName
      roles
      can {
        readAuditLog
        readFillRate
        readClassReports
        readAuthorityStatistics
        controlJournals
        reviewFlaggedMarks
      }
      children {
        id
        fullName
      }
      ledClasses {
        id
        name
      }
      school {
        id
        currentYear {
          id
          classes {
            id
            name
          }
          ...PeriodTabs_year @unmask
        }
      }
    }
  }
`);

const ClassSummaryQuery = graphql(`
  query ClassSummary($classId: ID!, $periodId: ID!) {
    classSummary(classId: $classId, periodId: $periodId) {
      schoolClass {
        id
        name
      }
      period {
        id
        name
      }
      subjects {
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
      rows {
        number
        student {
          id
          fullName
        }
        cells {
          subjectId
          average
          periodMark
          markCount
        }
        attendance {
          missed
          ill
          late
        }
      }
    }
  }
`);

/**
 * Reports (issue 8), by what the viewer may see: the class summary sheet and period analytics
 * (class teacher, administration), the fill-rate table and the audit log (administration), a
 * child's period report (parents, students).
 */
export function ReportsScreen({ tab: askedTab }: { tab?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ReportsScreenQuery);
  const [selected, setSelected] = useState<{ classId?: string; periodId?: string; tab?: string }>({ tab: askedTab });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  const viewer = data?.viewer;
  if (!viewer) return <p className="muted">{t('app.loading')}</p>;
  const year = viewer.school?.currentYear;
  const { can } = viewer;
  // The administration reads every class's sheets; a class teacher those of the classes they lead.
  const classes = !can.readClassReports ? [] : can.readFillRate ? (year?.classes ?? []) : viewer.ledClasses;
  const periods = year?.periods ?? [];
  const schoolClass = classes.find((c) => c.id === selected.classId) ?? classes[0];
  const period = periods.find((p) => p.id === selected.periodId) ?? periodFor(periods, todayIso());
  const ownReports = [...(viewer.roles.includes('STUDENT') ? [{ id: viewer.id, fullName: viewer.fullName }] : []), ...viewer.children];
  const tabs: Tab[] = [
    ...(schoolClass ? (['summary', 'analytics'] as const) : []),
    ...(can.readFillRate && viewer.school ? (['fill'] as const) : []),
    ...(can.controlJournals && viewer.school ? (['control'] as const) : []),
    ...(can.readAuditLog && viewer.school ? (['audit'] as const) : []),
    ...(ownReports.length > 0 ? (['student'] as const) : []),
    ...(can.readAuthorityStatistics ? (['authority'] as const) : []),
  ];
  const tab = tabs.find((x) => x === selected.tab) ?? tabs[0];
  // The inspector's aggregates are by period number, across schools: no year of one school needed.
  if (!tab || (!period && tab !== 'authority')) return <p className="card muted">{t('reports.nothing')}</p>;

  return (
    <section className="reports" aria-labelledby="reports-title">
      <div className="toolbar no-print">
        <h1 id="reports-title" className="page-title">
          {t('reports.title')}
        </h1>
        {tabs.length > 1 ? (
          <div className="segmented" role="tablist" aria-label={t('reports.title')}>
            {tabs.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                aria-selected={x === tab}
                onClick={() => setSelected((s) => ({ ...s, tab: x }))}
                data-testid={`reports-tab-${x}`}
              >
                {t(`reports.tab.${x}`)}
              </button>
            ))}
          </div>
        ) : null}
        {tab === 'summary' && schoolClass ? (
          <select
            className="select"
            value={schoolClass.id}
            onChange={(e) => setSelected((s) => ({ ...s, classId: e.target.value }))}
            aria-label={t('reports.class')}
            data-testid="reports-class"
          >
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        ) : null}
        {tab !== 'audit' && period ? (
          <PeriodTabs periods={periods} current={period.id} onSelect={(id) => setSelected((s) => ({ ...s, periodId: id }))} />
        ) : null}
      </div>
      {tab === 'authority' || !period ? (
        <AuthorityStatistics />
      ) : tab === 'summary' && schoolClass ? (
        <ClassSummarySheet classId={schoolClass.id} periodId={period.id} schoolId={viewer.school?.id ?? null} period={period} />
      ) : tab === 'analytics' ? (
        <PeriodAnalytics periodId={period.id} />
      ) : tab === 'fill' && viewer.school ? (
        <>
          <FillRateTable schoolId={viewer.school.id} periodId={period.id} />
          {can.controlJournals ? (
            <div className="control">
              <LateEntries periodId={period.id} />
              <MissedPeriodMarks periodId={period.id} />
            </div>
          ) : null}
        </>
      ) : tab === 'control' && viewer.school ? (
        <JournalControl schoolId={viewer.school.id} periodId={period.id} canReview={can.reviewFlaggedMarks} />
      ) : tab === 'audit' && viewer.school ? (
        <AuditLog schoolId={viewer.school.id} />
      ) : (
        <StudentReports students={ownReports} period={period} />
      )}
    </section>
  );
}

// 'number', 'name', 'missed', or a subject's id.
type SortKey = string;

function ClassSummarySheet({
  classId,
  periodId,
  schoolId,
  period,
}: {
  classId: string;
  periodId: string;
  schoolId: string | null;
  period: { startsOn: string; endsOn: string };
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ClassSummaryQuery, { variables: { classId, periodId } });
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'number', desc: false });
  const [problem, setProblem] = useState<string | null>(null);
  const summary = data?.classSummary.schoolClass.id === classId && data.classSummary.period.id === periodId ? data.classSummary : null;

  const rows = useMemo(() => {
    if (!summary) return [];
    const value = (row: (typeof summary.rows)[number]): number | string => {
      if (sort.key === 'number') return row.number;
      if (sort.key === 'name') return row.student.fullName;
      if (sort.key === 'missed') return row.attendance.missed;
      const cell = row.cells.find((c) => c.subjectId === sort.key);
      return cell?.average ? Number(cell.average) : -1;
    };
    return [...summary.rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lng);
      return sort.desc ? -order : order;
    });
  }, [summary, sort, lng]);

  if (error && !summary) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!summary) return <p className="muted">{t('app.loading')}</p>;

  const sortBy = (key: SortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'number' && key !== 'name' }));
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => sortBy(key)} data-testid={`sort-${key}`}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  async function download(path: string, filename: string) {
    setProblem(null);
    try {
      await downloadExport(path, filename);
    } catch (e) {
      const code = e instanceof Error ? e.message : '';
      setProblem(t(`errors.${code}`, { defaultValue: t('errors.NETWORK') }));
    }
  }

  return (
    <div className="card summary">
      <div className="toolbar">
        <h2 className="subheading">{t('reports.summaryTitle', { className: summary.schoolClass.name, period: summary.period.name })}</h2>
        <div className="summary__actions no-print">
          {(['xlsx', 'csv', 'pdf'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="button button--small"
              onClick={() => void download(`/exports/class-summary/${classId}/${periodId}.${f}`, `${summary.schoolClass.name} ${summary.period.name}.${f}`)}
              data-testid={`export-${f}`}
            >
              {f.toUpperCase()}
            </button>
          ))}
          {/* The class journal on paper (002 §2.14, 003 §5.7): this period, or the whole year for the archive. */}
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void download(
                `/exports/printed-journal/${classId}/${periodId}.pdf`,
                `${t('reports.printedJournalFile')} ${summary.schoolClass.name} ${summary.period.name}.pdf`,
              )
            }
            data-testid="export-printed-journal"
          >
            {t('reports.printedJournal')}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => void download(`/exports/printed-journal/${classId}/year.pdf`, `${t('reports.printedJournalFile')} ${summary.schoolClass.name}.pdf`)}
            data-testid="export-printed-journal-year"
          >
            {t('reports.printedJournalYear')}
          </button>
          <button type="button" className="button button--small" onClick={() => window.print()}>
            {t('reports.print')}
          </button>
        </div>
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {schoolId ? <DutyPrintouts schoolId={schoolId} classId={classId} period={period} download={download} /> : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="table summary__table" data-testid="class-summary">
          <thead>
            <tr>
              {header('number', '№')}
              {header('name', t('reports.student'))}
              {summary.subjects.map((s) => header(s.subject.id, s.subject.name))}
              {header('missed', t('reports.missed'))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.student.id} data-testid={`summary-row-${row.student.id}`}>
                <td>{row.number}</td>
                <td className="summary__name">{row.student.fullName}</td>
                {summary.subjects.map((s) => {
                  const cell = row.cells.find((c) => c.subjectId === s.subject.id);
                  return (
                    <td key={s.subject.id} className="summary__cell">
                      {cell?.periodMark ? <strong>{cell.periodMark}</strong> : null}
                      {cell?.average ? <span className="muted"> {formatAverage(cell.average, lng)}</span> : null}
                    </td>
                  );
                })}
                <td>{row.attendance.missed}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <td>{t('reports.quality')}</td>
              {summary.subjects.map((s) => (
                <td key={s.subject.id}>{formatPercent(s.stats.quality, lng)}</td>
              ))}
              <td />
            </tr>
            <tr>
              <td />
              <td>{t('reports.success')}</td>
              {summary.subjects.map((s) => (
                <td key={s.subject.id}>{formatPercent(s.stats.success, lng)}</td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
