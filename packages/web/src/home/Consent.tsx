import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';

const ConsentViewerDocument = graphql(`
  query ConsentViewer {
    viewer {
      id
      fullName
    }
  }
`);

const GiveConsentDocument = graphql(`
  mutation GiveConsent($studentId: ID!) {
    recordConsent(input: { studentId: $studentId }) {
      id
      active
      givenAt
      givenById
      withdrawnAt
    }
  }
`);

const WithdrawConsentDocument = graphql(`
  mutation WithdrawConsent($consentId: ID!) {
    withdrawConsent(consentId: $consentId) {
      id
      active
      withdrawnAt
    }
  }
`);

interface GiveProps {
  studentId: string;
  /** The child's name in the consent's words; null when the student consents for themself. */
  childName: string | null;
}

/**
 * R-A6 online: a parent (or a student from 14) gives consent by an explicit confirmation of its
 * text; the server records it at its own clock and audits it. Every screen asks again afterwards,
 * since the diary's access follows the consent with the next request.
 */
export function GiveConsent({ studentId, childName }: GiveProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const { data } = useQuery(ConsentViewerDocument);
  const [give, { loading, error, reset }] = useMutation(GiveConsentDocument, { refetchQueries: 'active', awaitRefetchQueries: true });
  const name = data?.viewer?.fullName ?? '';
  return (
    <>
      <button type="button" className="button button--primary button--small" onClick={() => setOpen(true)} data-testid={`consent-give-${studentId}`}>
        {t('consentOnline.give')}
      </button>
      {open ? (
        <Dialog
          title={t('consentOnline.giveTitle')}
          onClose={() => {
            reset();
            setOpen(false);
          }}
          testId="consent-give-dialog"
        >
          <p className="dialog__note">{childName ? t('consentOnline.giveText', { name, child: childName }) : t('consentOnline.giveTextSelf', { name })}</p>
          {error ? <p className="form-error">{errorText(error)}</p> : null}
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
              {t('consentOnline.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={loading}
              onClick={() => void give({ variables: { studentId } }).then(() => setOpen(false), () => undefined)}
              data-testid="consent-give-confirm"
            >
              {t('consentOnline.confirmGive')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

/** Withdrawing closes the diary at once: said before, confirmed explicitly, audited by the server. */
export function WithdrawConsent({ consentId, childName }: { consentId: string; childName: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [withdraw, { loading, error, reset }] = useMutation(WithdrawConsentDocument, { refetchQueries: 'active', awaitRefetchQueries: true });
  return (
    <>
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(true)} data-testid={`consent-withdraw-${consentId}`}>
        {t('consentOnline.withdraw')}
      </button>
      {open ? (
        <Dialog
          title={t('consentOnline.withdrawTitle')}
          onClose={() => {
            reset();
            setOpen(false);
          }}
          testId="consent-withdraw-dialog"
        >
          <p className="dialog__note">{t('consentOnline.withdrawText', { child: childName })}</p>
          {error ? <p className="form-error">{errorText(error)}</p> : null}
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
              {t('consentOnline.cancel')}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={loading}
              onClick={() => void withdraw({ variables: { consentId } }).then(() => setOpen(false), () => undefined)}
              data-testid="consent-withdraw-confirm"
            >
              {t('consentOnline.confirmWithdraw')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
