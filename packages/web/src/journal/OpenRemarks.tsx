import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { graphql } from '../gql';
import { formatDateTime } from '../shared/dates';
import { JournalRemarksQuery } from './remarks';
import { formText } from '../shared/form';

const ResolveJournalRemarkMutation = graphql(`
  mutation ResolveJournalRemark($remarkId: ID!, $resolution: String!) {
    resolveJournalRemark(remarkId: $remarkId, resolution: $resolution) {
      id
      resolution
      resolvedAt
    }
  }
`);

/** R-J9, the teacher's side: the deputy's open remarks on this journal, each answered with how it was dealt with. */
export function OpenRemarks({ groupId, canAnswer }: { groupId: string; canAnswer: boolean }) {
  const { t, i18n } = useTranslation();
  const { data, refetch } = useQuery(JournalRemarksQuery, { variables: { groupId }, fetchPolicy: 'cache-and-network' });
  const [resolve] = useMutation(ResolveJournalRemarkMutation);
  const [answering, setAnswering] = useState<{ id: string; text: string } | null>(null);
  const open = (data?.journalRemarks ?? []).filter((r) => !r.resolvedAt);
  if (open.length === 0) return null;
  return (
    <section className="notice journal-remarks" aria-labelledby="journal-remarks-title" data-testid="journal-remarks">
      <h2 id="journal-remarks-title" className="subheading">
        {t('control.remarks.openTitle', { n: open.length })}
      </h2>
      <ul className="control-list">
        {open.map((r) => (
          <li key={r.id} data-testid={`journal-remark-${r.id}`}>
            «{r.text}»{' '}
            <span className="muted">
              — {r.author?.shortName ?? ''}, {formatDateTime(r.createdAt, i18n.resolvedLanguage ?? 'ru')}
            </span>{' '}
            {canAnswer ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => setAnswering({ id: r.id, text: r.text })}
                data-testid={`journal-remark-answer-${r.id}`}
              >
                {t('control.remarks.answer')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {answering ? (
        <ConfirmDialog
          title={t('control.remarks.answerTitle')}
          subtitle={`«${answering.text}»`}
          confirmLabel={t('control.remarks.resolve')}
          testId="remark-resolve"
          onClose={() => setAnswering(null)}
          onConfirm={async (form) => {
            await resolve({ variables: { remarkId: answering.id, resolution: formText(form, 'resolution').trim() } });
            await refetch();
          }}
        >
          <label className="field">
            <span>{t('control.remarks.resolution')}</span>
            <textarea className="input" name="resolution" required maxLength={2000} data-testid="remark-resolution" />
          </label>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
