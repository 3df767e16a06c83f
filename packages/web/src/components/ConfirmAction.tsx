import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/useErrorText';
import { Dialog } from './Dialog';

interface Props {
  /** The button that opens the confirmation. */
  label: ReactNode;
  triggerClassName: string;
  triggerTestId?: string;
  title: ReactNode;
  /** What will happen, said before it does. */
  text: ReactNode;
  confirmLabel: ReactNode;
  /** `danger` for an action that closes or removes something. */
  tone: 'primary' | 'danger';
  /** The action; a refusal stays in the dialog, worded by its reason. */
  onConfirm: () => Promise<unknown>;
  testId?: string;
  confirmTestId?: string;
}

/** An explicit, confirmed action: a button, then a dialog saying what happens, with Cancel and the action. */
export function ConfirmAction({ label, triggerClassName, triggerTestId, title, text, confirmLabel, tone, onConfirm, testId, confirmTestId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    setOpen(false);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={triggerClassName} onClick={() => setOpen(true)} data-testid={triggerTestId}>
        {label}
      </button>
      {open ? (
        <Dialog title={title} onClose={close} testId={testId}>
          <p className="dialog__note">{text}</p>
          {error ? (
            <p className="form-error" role="alert">
              {errorText(error)}
            </p>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="button" className={`button button--${tone}`} disabled={busy} onClick={() => void confirm()} data-testid={confirmTestId}>
              {confirmLabel}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
