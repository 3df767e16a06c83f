import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';

interface Props {
  title: string;
  text: string;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** Asks why, when the server needs a reason (a back-dated mark): the reason goes into the history. */
export function ReasonDialog({ title, text, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ok = reason.trim().length >= 3;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (ok) onSubmit(reason.trim());
  }

  return (
    <Dialog title={title} onClose={onClose} testId="reason-dialog">
      <form className="form form--compact" onSubmit={handleSubmit} noValidate>
        <p className="muted">{text}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('markDialog.reason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            autoFocus
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={tried && !ok ? true : undefined}
            data-testid="reason-input"
          />
          {tried && !ok ? <p className="field__hint field__hint--error">{t('markDialog.reasonRequired')}</p> : null}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="reason-submit">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
