import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { formatDateTime } from './dates';

const FinalMarkHistory_mark = graphql(`
  fragment FinalMarkHistory_mark on FinalMark {
    id
    history {
      version
      oldValue
      newValue
      oldPostponedUntil
      newPostponedUntil
      reason
      late
      at
      author {
        id
        shortName
      }
    }
  }
`);

const shown = (value: string | null, postponedUntil: string | null) => (value ? `«${value}»` : postponedUntil ? `… ${postponedUntil}` : '—');

/**
 * Issue 18: every entry and change of a period, annual, exam or final mark, oldest first, with who, when and
 * why; folded while the mark was never changed.
 */
export function FinalMarkHistory(props: { mark: FragmentRef<typeof FinalMarkHistory_mark> }) {
  const { t, i18n } = useTranslation();
  const mark = useOwnFragment(FinalMarkHistory_mark, props.mark);
  if (!mark || mark.history.length < 2) return null;
  return (
    <details className="final-history" data-testid={`final-mark-history-${mark.id}`}>
      <summary>{t('finalHistory.title', { count: mark.history.length - 1 })}</summary>
      <ol className="history">
        {mark.history.map((c) => (
          <li key={`${c.version}-${c.at}`} className="history__item" data-testid="final-mark-history-item">
            <div className="history__what">
              {c.oldValue || c.oldPostponedUntil
                ? t('history.CHANGED', {
                    old: shown(c.oldValue ?? null, c.oldPostponedUntil ?? null),
                    new: shown(c.newValue ?? null, c.newPostponedUntil ?? null),
                  })
                : t('history.CREATED', { value: shown(c.newValue ?? null, c.newPostponedUntil ?? null) })}
              {c.late ? <span className="tag tag--warn">{t('finalHistory.late')}</span> : null}
            </div>
            {c.reason ? <div className="history__reason">{t('history.reason', { reason: c.reason })}</div> : null}
            <div className="history__meta muted">
              {c.author ? `${c.author.shortName}, ` : ''}
              {formatDateTime(c.at, i18n.resolvedLanguage ?? 'ru')}
            </div>
          </li>
        ))}
      </ol>
    </details>
  );
}
