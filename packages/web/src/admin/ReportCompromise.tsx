import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { graphql } from '../gql';
import type { ReportCompromiseMutation } from '../gql/graphql';
import { formText } from '../shared/form';

const ReportCompromiseDocument = graphql(`
  mutation ReportCompromise($input: ReportCompromiseInput!) {
    reportCompromise(input: $input) {
      userId
      since
      sessionsRevoked
      flaggedChanges
      flaggedMarks
      newPassword
    }
  }
`);

/** `YYYY-MM-DDTHH:mm` of this device's clock, for a datetime-local field's default and upper bound. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * R-A2 by the administration: a person's account was in other hands from a moment on. Confirmed in a
 * dialog; the server ends its sessions, issues a one-time password (shown here once) and flags its
 * changes and marks since then for review.
 */
export function ReportCompromise({ userId, fullName }: { userId: string; fullName: string }) {
  const { t, i18n } = useTranslation();
  const [report] = useMutation(ReportCompromiseDocument);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<ReportCompromiseMutation['reportCompromise'] | null>(null);
  return (
    <div className="compromise" data-testid="compromise">
      {done ? (
        <div className="notice" role="status" data-testid="compromise-result">
          <p>
            {t('control.compromise.done', {
              since: new Date(done.since).toLocaleString(i18n.resolvedLanguage ?? 'ru'),
              sessions: done.sessionsRevoked,
              changes: done.flaggedChanges,
              marks: done.flaggedMarks,
            })}
          </p>
          {done.newPassword ? (
            <p>
              {t('control.compromise.password')} <code data-testid="compromise-password">{done.newPassword}</code>
            </p>
          ) : null}
        </div>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setAsking(true)} data-testid="compromise-open">
          {t('control.compromise.open')}
        </button>
      )}
      {asking ? (
        <ConfirmDialog
          title={t('control.compromise.title')}
          subtitle={fullName}
          confirmLabel={t('control.compromise.confirm')}
          danger
          testId="compromise-dialog"
          onClose={() => setAsking(false)}
          onConfirm={async (form) => {
            const since = new Date(formText(form, 'since')).toISOString();
            const { data } = await report({ variables: { input: { userId, since } } });
            if (data) setDone(data.reportCompromise);
          }}
        >
          <p>{t('control.compromise.explain')}</p>
          <label className="field">
            <span>{t('control.compromise.since')}</span>
            <input className="input" type="datetime-local" name="since" required max={localNow()} data-testid="compromise-since" />
          </label>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
