import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  /** The button that opens the confirmation. */
  label: ReactNode;
  triggerClassName: string;
  triggerTestId?: string;
  title: ReactNode;
  /** What will happen, said before it does. */
  text: ReactNode;
  confirmLabel: string;
  /** `danger` for an action that closes or removes something. */
  tone: 'primary' | 'danger';
  /** The action; a refusal stays in the dialog, worded by its reason. */
  onConfirm: () => Promise<unknown>;
  testId: string;
  confirmTestId?: string;
}

/** An explicit, confirmed action: a button, then the confirmation dialog (ConfirmDialog) saying what happens. */
export function ConfirmAction({ label, triggerClassName, triggerTestId, title, text, confirmLabel, tone, onConfirm, testId, confirmTestId }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={triggerClassName} onClick={() => setOpen(true)} data-testid={triggerTestId}>
        {label}
      </button>
      {open ? (
        <ConfirmDialog
          title={title}
          confirmLabel={confirmLabel}
          danger={tone === 'danger'}
          onConfirm={onConfirm}
          onClose={() => setOpen(false)}
          testId={testId}
          confirmTestId={confirmTestId}
        >
          <p className="dialog__note">{text}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
