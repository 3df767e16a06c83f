import { useTranslation } from 'react-i18next';

/** A screen whose data did not load: what went wrong, and a retry. */
export function ScreenError({ error, onRetry }: { error: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="card" role="alert">
      <p className="form-error">{error}</p>
      <div className="status-card__actions">
        <button type="button" className="button button--ghost" onClick={onRetry}>
          {t('app.retry')}
        </button>
      </div>
    </div>
  );
}
