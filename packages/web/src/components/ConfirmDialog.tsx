import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/useErrorText';
import { Dialog } from './Dialog';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  /** The words on the button that does it («Подтвердить», «Отозвать», «Выполнено»). */
  confirmLabel: string;
  danger?: boolean;
  /** Runs the action with the dialog's fields; a refusal stays in the dialog, worded by its reason. */
  onConfirm: (form: FormData) => Promise<unknown>;
  onClose: () => void;
  /** What is about to happen, and the fields the action asks for (a reason, a note, a moment). */
  children?: ReactNode;
  testId: string;
  /** The confirming button's test id; `<testId>-confirm` unless given. */
  confirmTestId?: string;
}

/** The one confirmation dialog: says what will happen, asks for what the action needs, then does it or shows why not. */
export function ConfirmDialog({ title, subtitle, confirmLabel, danger, onConfirm, onClose, children, testId, confirmTestId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setProblem(null);
    setBusy(true);
    try {
      await onConfirm(form);
      onClose();
    } catch (e) {
      setProblem(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} subtitle={subtitle} onClose={onClose} testId={testId}>
      <form className="admin-form" onSubmit={(e) => void onSubmit(e)}>
        {children}
        {problem ? (
          <p className="form-error" role="alert" data-testid={`${testId}-error`}>
            {problem}
          </p>
        ) : null}
        <div className="toolbar">
          <button
            type="submit"
            className={danger ? 'button button--danger' : 'button button--primary'}
            disabled={busy}
            data-testid={confirmTestId ?? `${testId}-confirm`}
          >
            {confirmLabel}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
