import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { AnnounceIntendedMarkMutation as Announced } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDate } from '../shared/dates';
import { formatAverage } from './marks';

const IntendedMarkNoticesQuery = graphql(`
  query IntendedMarkNotices($studentId: ID!) {
    intendedMarkNotices(studentId: $studentId) {
      id
      groupId
      periodId
      intendedMark
      average
      reason
      inTime
      createdAt
    }
  }
`);

const AnnounceIntendedMarkMutation = graphql(`
  mutation AnnounceIntendedMark($groupId: ID!, $studentId: ID!, $periodId: ID!, $intendedMark: Int!, $reason: String!) {
    announceIntendedMark(groupId: $groupId, studentId: $studentId, periodId: $periodId, intendedMark: $intendedMark, reason: $reason) {
      id
      intendedMark
      average
      inTime
    }
  }
`);

/** The five-point marks a notice can announce (the server refuses one not below the rounded average). */
const MARKS = [2, 3, 4];

interface Props {
  groupId: string;
  periodId: string;
  studentId: string;
}

/**
 * R-J7 in the ИТОГ column's dialog: the teacher tells the parents beforehand that the period mark will
 * be below the average, and why. The notice reaches the family's home and diary; a repeat replaces it.
 */
export function IntendedMarkForm({ groupId, periodId, studentId }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const id = useId();
  const notices = useQuery(IntendedMarkNoticesQuery, { variables: { studentId }, fetchPolicy: 'cache-and-network' });
  const sentBefore = (notices.data?.intendedMarkNotices ?? []).filter((n) => n.groupId === groupId && n.periodId === periodId);
  const [mark, setMark] = useState('');
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState<Announced['announceIntendedMark'] | null>(null);
  const [announce, { loading, error, reset }] = useMutation(AnnounceIntendedMarkMutation, {
    refetchQueries: [{ query: IntendedMarkNoticesQuery, variables: { studentId } }],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const result = await announce({ variables: { groupId, periodId, studentId, intendedMark: Number(mark), reason: reason.trim() } }).catch(() => null);
    if (result?.data) setSent(result.data.announceIntendedMark);
  }

  return (
    <form className="form form--compact intended-mark" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="intended-form">
      <h3 id={`${id}-title`} className="subheading">
        {t('intended.title')}
      </h3>
      <p className="muted">{t('intended.hint')}</p>
      {sentBefore.length > 0 ? (
        <section aria-labelledby={`${id}-sent`} data-testid="intended-notices">
          <h4 id={`${id}-sent`}>{t('intended.already')}</h4>
          <ul className="plain-list">
            {sentBefore.map((n) => (
              <li key={n.id} data-testid={`intended-notice-${n.id}`}>
                {t('intended.notice', {
                  date: formatDate(n.createdAt.slice(0, 10), lng, { day: 'numeric', month: 'long' }),
                  mark: n.intendedMark,
                  average: formatAverage(n.average, lng),
                  reason: n.reason,
                })}
                {n.inTime ? null : <span className="tag tag--warn"> {t('intended.lateTag')}</span>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-mark`}>{t('intended.mark')}</label>
        <select
          id={`${id}-mark`}
          value={mark}
          onChange={(e) => {
            reset();
            setMark(e.target.value);
          }}
          required
          data-testid="intended-mark"
        >
          <option value="" />
          {MARKS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('intended.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          value={reason}
          maxLength={2000}
          onChange={(e) => setReason(e.target.value)}
          required
          data-testid="intended-reason"
        />
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="intended-error">
          {errorText(error)}
        </p>
      ) : null}
      {sent ? (
        <p className="notice" role="status" data-testid="intended-sent">
          {t('intended.sent', { mark: sent.intendedMark, average: sent.average })}
          {sent.inTime ? '' : ` ${t('intended.late')}`}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={loading || !mark || !reason.trim()} data-testid="intended-send">
        {t('intended.send')}
      </button>
    </form>
  );
}
