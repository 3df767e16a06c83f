import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/useErrorText';
import { uploadAttachment } from './attachments';

interface Props {
  /** Sends the text with the uploaded files' ids; a rejection is shown under the form. */
  onSend: (body: string, attachmentIds: string[]) => Promise<unknown>;
  /** Fields above the text (subject, recipient). */
  children?: ReactNode;
  submitLabel: string;
  disabled?: boolean;
  /** No files (an announcement to all parents carries none). */
  noFiles?: boolean;
}

/** Text and files: the files are uploaded first, then the message carries their ids. */
export function ComposeBox({ onSend, children, submitLabel, disabled, noFiles }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const ids: string[] = [];
      for (const file of noFiles ? [] : files) {
        try {
          ids.push((await uploadAttachment(file)).id);
        } catch (e) {
          setError(`${t('messages.uploadFailed', { name: file.name })} ${errorText(e)}`);
          return;
        }
      }
      await onSend(body.trim(), ids);
      setBody('');
      setFiles([]);
      setInputKey((k) => k + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form compose" onSubmit={(e) => void submit(e)} data-testid="compose-form">
      {children}
      <div className="field">
        <label htmlFor="compose-body">{t('messages.compose')}</label>
        <textarea id="compose-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} data-testid="compose-body" />
      </div>
      <div className="field" hidden={noFiles}>
        <label htmlFor="compose-files">{t('messages.attach')}</label>
        <input
          key={inputKey}
          id="compose-files"
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,.docx"
          onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 5))}
          data-testid="compose-files"
        />
        <span className="muted">{t('messages.attachHint')}</span>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy || disabled || !body.trim()} data-testid="compose-send">
        {submitLabel}
      </button>
    </form>
  );
}
