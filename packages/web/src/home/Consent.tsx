import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '../components/ConfirmAction';
import { graphql } from '../gql';

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
  const { data } = useQuery(ConsentViewerDocument);
  const [give] = useMutation(GiveConsentDocument, { refetchQueries: 'active', awaitRefetchQueries: true });
  const name = data?.viewer?.fullName ?? '';
  return (
    <ConfirmAction
      label={t('consentOnline.give')}
      triggerClassName="button button--primary button--small"
      triggerTestId={`consent-give-${studentId}`}
      title={t('consentOnline.giveTitle')}
      text={childName ? t('consentOnline.giveText', { name, child: childName }) : t('consentOnline.giveTextSelf', { name })}
      confirmLabel={t('consentOnline.confirmGive')}
      tone="primary"
      onConfirm={() => give({ variables: { studentId } })}
      testId="consent-give-dialog"
      confirmTestId="consent-give-confirm"
    />
  );
}

/** Withdrawing closes the diary at once: said before, confirmed explicitly, audited by the server. */
export function WithdrawConsent({ consentId, childName }: { consentId: string; childName: string }) {
  const { t } = useTranslation();
  const [withdraw] = useMutation(WithdrawConsentDocument, { refetchQueries: 'active', awaitRefetchQueries: true });
  return (
    <ConfirmAction
      label={t('consentOnline.withdraw')}
      triggerClassName="button button--ghost button--small"
      triggerTestId={`consent-withdraw-${consentId}`}
      title={t('consentOnline.withdrawTitle')}
      text={t('consentOnline.withdrawText', { child: childName })}
      confirmLabel={t('consentOnline.confirmWithdraw')}
      tone="danger"
      onConfirm={() => withdraw({ variables: { consentId } })}
      testId="consent-withdraw-dialog"
      confirmTestId="consent-withdraw-confirm"
    />
  );
}
