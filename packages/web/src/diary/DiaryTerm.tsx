import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatAverage, markTone } from '../journal/marks';
import { navigate } from '../routing/route';
import { compareIso, formatDate, periodFor } from '../shared/dates';
import { FinalMarkHistory } from '../shared/FinalMarkHistory';
import { PeriodTabs } from '../shared/PeriodTabs';
import { FamilyWarningsDocument } from '../home/FamilyHome';
import { DiaryError } from './DiaryError';
import { YearResults } from './YearResults';

const StudentTermDocument = graphql(`
  query StudentTerm($studentId: ID!, $periodId: ID!) {
    studentTerm(studentId: $studentId, periodId: $periodId) {
      group {
        id
        subject {
          id
          name
        }
      }
      # A subject's term has no id for the cache to find it by: the row's fragment comes unmasked.
      ...TermRow_subject @unmask
    }
  }
`);

const TermRow_subject = graphql(`
  fragment TermRow_subject on SubjectTerm {
    group {
      id
      name
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
      weight
      retracted
      workType {
        id
        code
        name
      }
    }
    average {
      plain
      weighted
      predicted
      markCount
    }
    periodMark {
      id
      kind
      value
      postponedUntil
      reason
      acknowledgedAt
      canAcknowledge
      version
      ...FinalMarkHistory_mark
    }
  }
`);

const MarksNeededDocument = graphql(`
  query MarksNeeded($studentId: ID!, $groupId: ID!, $periodId: ID!) {
    toFive: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 5) {
      target
      value
      count
    }
    toFour: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 4) {
      target
      value
      count
    }
  }
`);

const AcknowledgeDocument = graphql(`
  mutation AcknowledgeFinalMark($finalMarkId: ID!) {
    acknowledgeFinalMark(finalMarkId: $finalMarkId) {
      id
      acknowledgedAt
    }
  }
`);

interface Props {
  studentId: string;
  periods: readonly { id: string; name: string; startsOn: string; endsOn: string }[];
  periodId?: string;
  reference: string;
  self: boolean;
  /** The school year whose results close the page. */
  yearId: string | null;
}

/** R-D2: a period at a glance: each subject's marks in order, averages, the period mark, and what it takes. */
export function DiaryTerm({ studentId, periods, periodId, reference, self, yearId }: Props) {
  const { t } = useTranslation();
  const period = periods.find((p) => p.id === periodId) ?? periodFor(periods, reference);
  const { data, error, refetch } = useQuery(StudentTermDocument, {
    variables: { studentId, periodId: period?.id ?? '' },
    skip: !period,
    fetchPolicy: 'cache-and-network',
  });
  const { data: warningData } = useQuery(FamilyWarningsDocument, { variables: { studentId }, skip: !period });
  if (!period) return <p className="card muted">{t('journal.noYear')}</p>;
  const warnings = (warningData?.intendedMarkNotices ?? []).filter((w) => w.periodId === period.id);
  const subjects = data ? [...data.studentTerm].sort((a, b) => a.group.subject.name.localeCompare(b.group.subject.name, 'ru')) : null;

  return (
    <div className="term">
      <div className="week-nav">
        <PeriodTabs periods={periods} current={period.id} onSelect={(id) => navigate({ name: 'term', studentId, periodId: id, on: reference })} />
      </div>
      {error && !subjects ? (
        <DiaryError error={error} self={self} studentId={studentId} onRetry={() => void refetch()} />
      ) : !subjects ? (
        <p className="muted">{t('app.loading')}</p>
      ) : subjects.length === 0 ? (
        <p className="card muted">{t('term.empty')}</p>
      ) : (
        <div className="card term-table" role="table" aria-label={t('term.tableLabel', { period: period.name })} data-testid="diary-term">
          <div className="term-row term-row--head" role="row">
            <span role="columnheader">{t('term.subject')}</span>
            <span role="columnheader">{t('term.marks')}</span>
            <span role="columnheader" className="term-num">
              {t('term.average')}
            </span>
            <span role="columnheader" className="term-num">
              {t('term.predicted')}
            </span>
            <span role="columnheader" className="term-num">
              {t('term.periodMark')}
            </span>
          </div>
          {subjects.map((s) => (
            <TermRow
              key={s.group.id}
              subject={s}
              studentId={studentId}
              periodId={period.id}
              warning={warnings.find((w) => w.subjectName === s.group.subject.name) ?? null}
            />
          ))}
        </div>
      )}
      <p className="hint muted term__note">{t('term.roundingNote')}</p>
      {yearId && subjects ? <YearResults studentId={studentId} yearId={yearId} periods={periods} /> : null}
    </div>
  );
}

interface RowProps {
  subject: DocumentType<typeof TermRow_subject>;
  studentId: string;
  periodId: string;
  /** R-J7: the teacher warned that the period mark will be below the average. */
  warning: { intendedMark: number; reason: string } | null;
}

function TermRow({ subject, studentId, periodId, warning }: RowProps) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const { group, average, periodMark } = subject;
  const marks = [...subject.marks].sort((a, b) => compareIso(a.date, b.date));
  const [showNeed, setShowNeed] = useState(false);
  const [loadNeed, need] = useLazyQuery(MarksNeededDocument, { fetchPolicy: 'network-only' });
  const [acknowledge, ack] = useMutation(AcknowledgeDocument);
  const numeric = group.scale !== 'PASS_FAIL';

  function toggleNeed() {
    if (!showNeed) void loadNeed({ variables: { studentId, groupId: group.id, periodId } });
    setShowNeed(!showNeed);
  }

  // Already heading for a five: what a four takes says nothing new.
  const targets = need.data ? (need.data.toFive.some((o) => o.count === 0) ? [need.data.toFive] : [need.data.toFive, need.data.toFour]) : [];

  return (
    <div className="term-row" role="row" data-testid={`term-subject-${group.id}`}>
      <span role="cell" className="term-subject">
        {group.subject.name}
        {warning ? (
          <>
            {' '}
            <span className="tag tag--warn" title={warning.reason} data-testid={`term-warning-${group.id}`}>
              {t('home.warningTag', { mark: warning.intendedMark })}
            </span>
          </>
        ) : null}
      </span>
      <span role="cell" className="term-marks">
        {marks.length === 0 ? (
          <span className="muted">{t('term.noMarks')}</span>
        ) : (
          marks.map((m) => (
            <span
              key={m.id}
              className={`mark mark--static tone-${markTone(m.value, group.scale)}${m.retracted ? ' mark--retracted' : ''}`}
              title={[
                formatDate(m.date, lng, { day: 'numeric', month: 'long' }),
                m.workType.name,
                t('markDialog.weight', { weight: m.weight }),
                ...(m.retracted ? [t('diary.retracted')] : []),
              ].join(' · ')}
              data-testid={`term-mark-${m.id}`}
            >
              {m.value}
              <sup>{m.workType.code}</sup>
            </span>
          ))
        )}
      </span>
      <span
        role="cell"
        className="term-num term-average"
        data-testid={`term-average-${group.id}`}
        title={average.plain ? t('journal.plainAverage', { value: formatAverage(average.plain, lng) }) : undefined}
      >
        <span className="term-label">{t('term.average')}</span>
        {average.weighted ? formatAverage(average.weighted, lng) : '—'}
      </span>
      <span role="cell" className="term-num">
        <span className="term-label">{t('term.predicted')}</span>
        {average.predicted != null ? (
          <span className={`mark mark--static tone-${markTone(String(average.predicted), group.scale)}`}>{average.predicted}</span>
        ) : (
          '—'
        )}
      </span>
      <span role="cell" className="term-num term-final">
        <span className="term-label">{t('term.periodMark')}</span>
        {periodMark?.value ? (
          <>
            <strong className="term-final__value" data-testid={`term-period-mark-${group.id}`}>
              {periodMark.value}
            </strong>
            {periodMark.acknowledgedAt ? (
              <span
                className="tag"
                title={t('term.acknowledgedAt', { date: formatDate(periodMark.acknowledgedAt.slice(0, 10), lng, { day: 'numeric', month: 'long' }) })}
              >
                ✓ {t('term.acknowledged')}
              </span>
            ) : periodMark.canAcknowledge ? (
              <button
                type="button"
                className="button button--ghost button--small"
                disabled={ack.loading}
                onClick={() => void acknowledge({ variables: { finalMarkId: periodMark.id } })}
                data-testid={`term-ack-${periodMark.id}`}
              >
                {t('term.acknowledge')}
              </button>
            ) : null}
            <FinalMarkHistory mark={periodMark} />
          </>
        ) : periodMark?.postponedUntil ? (
          <span className="muted">{t('term.postponed', { date: formatDate(periodMark.postponedUntil, lng, { day: 'numeric', month: 'long' }) })}</span>
        ) : (
          '—'
        )}
      </span>
      {numeric && average.markCount > 0 && !periodMark?.value ? (
        <div className="term-need">
          <button type="button" className="link-button" aria-expanded={showNeed} onClick={toggleNeed} data-testid={`term-need-${group.id}`}>
            {t('term.need')}
          </button>
          {showNeed ? (
            <div className="term-need__body" data-testid={`term-need-result-${group.id}`}>
              {need.error ? (
                <span className="form-error">{errorText(need.error)}</span>
              ) : !need.data ? (
                <span className="muted">{t('app.loading')}</span>
              ) : (
                targets.map((options) => {
                  const target = options[0]?.target;
                  if (target === undefined) return null;
                  const reachable = options.filter((o) => o.count !== null);
                  return (
                    <p key={target}>
                      <strong>{t('term.needTarget', { target })}</strong>{' '}
                      {reachable.some((o) => o.count === 0)
                        ? t('term.needAlready')
                        : reachable.length === 0
                          ? t('term.needNone')
                          : reachable.map((o) => t('term.needCount', { count: o.count ?? 0, value: o.value })).join(t('term.needOr'))}
                    </p>
                  );
                })
              )}
              <p className="muted">{t('term.needNote')}</p>
            </div>
          ) : null}
        </div>
      ) : null}
      {ack.error ? <span className="form-error term-need">{errorText(ack.error)}</span> : null}
    </div>
  );
}
