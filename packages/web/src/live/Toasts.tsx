import './live.css';
import { useTranslation } from 'react-i18next';
import { dismissToast, useToasts } from './toasts';

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="toast">
          <span>{toast.text}</span>
          <button type="button" className="toast__close" aria-label={t('live.dismiss')} onClick={() => dismissToast(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
