import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { graphql } from '../gql';
import type { DutyKind } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { addDays, compareIso, formatDate, formatDateTime, todayIso } from './dates';
import { ScreenError } from './ScreenError';
import { formText } from './form';

const DutiesQuery = graphql(`
  query Duties($schoolId: ID!, $from: LocalDate!, $to: LocalDate!) {
    duties(schoolId: $schoolId, from: $from, to: $to) {
      kind
      classId
      className
      dueOn
      overdue
      doneAt
      note
      doneBy {
        id
        shortName
      }
    }
  }
`);

const RecordDutyDoneMutation = graphql(`
  mutation RecordDutyDone($input: RecordDutyDoneInput!) {
    recordDutyDone(input: $input) {
      kind
      dueOn
      doneAt
    }
  }
`);

export interface DutyRow {
  kind: DutyKind;
  classId?: string | null;
  className?: string | null;
  dueOn: string;
  overdue: boolean;
  doneAt?: string | null;
}

interface Props {
  schoolId: string;
  /** Which duties to list (a class's on its desk; the administration's own and the overdue ones). */
  show: (duty: DutyRow) => boolean;
  /** Whose they are to record done: the server's rule (recordDutyDone) again, as the screen knows it. */
  mayRecord: (duty: DutyRow) => boolean;
  testId: string;
}

/** Issue 18: the duties of keeping the journal due in the month around today, overdue ones first and marked, each recorded done with a note. */
export function DutyList({ schoolId, show, mayRecord, testId }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const today = todayIso();
  const { data, error, refetch } = useQuery(DutiesQuery, {
    variables: { schoolId, from: addDays(today, -31), to: addDays(today, 31) },
    fetchPolicy: 'cache-and-network',
  });
  const [record] = useMutation(RecordDutyDoneMutation);
  const [asked, setAsked] = useState<DutyRow | null>(null);
  const duties = (data?.duties ?? []).filter(show).sort((a, b) => Number(b.overdue) - Number(a.overdue) || compareIso(a.dueOn, b.dueOn));
  const label = (d: DutyRow) => `${t(`control.duties.kind.${d.kind}`)}${d.className ? ` · ${d.className}` : ''}`;
  return (
    <section className="card monitor__panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`} className="subheading">
        {t('control.duties.title')}
      </h2>
      {error && !data ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : duties.length === 0 ? (
        <p className="muted">{t('control.duties.none')}</p>
      ) : (
        <ul className="plain-list control-list">
          {duties.map((d) => (
            <li
              key={`${d.kind}:${d.classId ?? ''}:${d.dueOn}`}
              className={d.overdue ? 'control-item--warn' : undefined}
              data-testid={`duty-${d.kind}-${d.dueOn}`}
            >
              <strong>{label(d)}</strong>{' '}
              <span className="muted">{t('control.duties.due', { date: formatDate(d.dueOn, lng, { day: 'numeric', month: 'long' }) })}</span>{' '}
              {d.overdue ? <span className="tag tag--warn">{t('control.duties.overdue')}</span> : null}
              {d.doneAt ? (
                <div className="muted">
                  {t('control.duties.done', { by: d.doneBy?.shortName ?? '', at: formatDateTime(d.doneAt, lng) })}
                  {d.note ? ` · ${d.note}` : ''}
                </div>
              ) : mayRecord(d) ? (
                <div>
                  <button type="button" className="button button--small" onClick={() => setAsked(d)} data-testid={`duty-done-${d.kind}-${d.dueOn}`}>
                    {t('control.duties.markDone')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {asked ? (
        <ConfirmDialog
          title={t('control.duties.doneTitle')}
          subtitle={`${label(asked)}, ${formatDate(asked.dueOn, lng, { day: 'numeric', month: 'long' })}`}
          confirmLabel={t('control.duties.markDone')}
          testId="duty-done"
          onClose={() => setAsked(null)}
          onConfirm={async (form) => {
            const note = formText(form, 'note').trim() || null;
            await record({ variables: { input: { schoolId, classId: asked.classId ?? null, kind: asked.kind, dueOn: asked.dueOn, note } } });
            await refetch();
          }}
        >
          <label className="field">
            <span>{t('control.duties.note')}</span>
            <input className="input" name="note" maxLength={255} data-testid="duty-note" />
          </label>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
