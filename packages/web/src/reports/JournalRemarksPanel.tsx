import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { JournalRemarksQuery } from '../journal/remarks';
import { formatDateTime } from '../shared/dates';
import { useSchoolRoster } from './roster';

const RemarkOnJournalMutation = graphql(`
  mutation RemarkOnJournal($groupId: ID!, $text: String!) {
    remarkOnJournal(groupId: $groupId, text: $text) {
      id
    }
  }
`);

/** R-J9: the deputy director's remarks on how a group's journal is kept, and the teacher's answers. */
export function JournalRemarksPanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const roster = useSchoolRoster();
  const [chosen, setChosen] = useState('');
  const groupId = chosen || roster.groups[0]?.id || '';
  const { data, refetch } = useQuery(JournalRemarksQuery, { variables: { groupId }, skip: !groupId, fetchPolicy: 'cache-and-network' });
  const [remark] = useMutation(RemarkOnJournalMutation);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const remarks = data?.journalRemarks ?? [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    try {
      await remark({ variables: { groupId, text: text.trim() } });
      setText('');
      await refetch();
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  return (
    <section className="card" aria-labelledby="journal-remarks-panel-title" data-testid="remarks-panel">
      <h2 id="journal-remarks-panel-title" className="subheading">
        {t('control.remarks.title')}
      </h2>
      {!roster.loaded ? (
        <p className="muted">{t('app.loading')}</p>
      ) : roster.groups.length === 0 ? (
        <p className="muted">{t('control.remarks.noGroups')}</p>
      ) : (
        <>
          <select
            className="select"
            value={groupId}
            onChange={(e) => setChosen(e.target.value)}
            aria-label={t('control.remarks.group')}
            data-testid="remarks-group"
          >
            {roster.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
          {remarks.length === 0 ? <p className="muted">{t('control.remarks.none')}</p> : null}
          <ul className="plain-list control-list">
            {remarks.map((r) => (
              <li key={r.id} className={r.resolvedAt ? undefined : 'control-item--warn'} data-testid={`remark-${r.id}`}>
                «{r.text}»{' '}
                <span className="muted">
                  — {r.author?.shortName ?? ''}, {formatDateTime(r.createdAt, lng)}
                </span>
                <div>
                  {r.resolvedAt ? (
                    t('control.remarks.resolved', { resolution: r.resolution ?? '', at: formatDateTime(r.resolvedAt, lng) })
                  ) : (
                    <span className="tag tag--warn">{t('control.remarks.open')}</span>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <form className="admin-form" onSubmit={(e) => void onSubmit(e)}>
            <label className="field">
              <span>{t('control.remarks.new')}</span>
              <textarea className="input" value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} data-testid="remark-text-input" />
            </label>
            {problem ? (
              <p className="form-error" role="alert">
                {problem}
              </p>
            ) : null}
            <button type="submit" className="button button--primary" data-testid="remark-submit">
              {t('control.remarks.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
