import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { formatDateTime } from './dates';

const MarkHistory_mark = graphql(`
  fragment MarkHistory_mark on Mark {
    id
    history {
      kind
      version
      oldValue
      newValue
      oldWorkType
      newWorkType
      reason
      backdated
      at
      author {
        id
        shortName
      }
    }
  }
`);

interface Props {
  mark: FragmentRef<typeof MarkHistory_mark>;
}

function withType(value: string | null, workType: string | null): string {
  if (!value) return '—';
  return workType ? `«${value}» (${workType})` : `«${value}»`;
}

/**
 * Every change of a mark, oldest first, with who made it, when and why (R-J5): a parent sees
 * the reason a mark changed, not just the new value.
 */
export function MarkHistory(props: Props) {
  const { t, i18n } = useTranslation();
  const mark = useOwnFragment(MarkHistory_mark, props.mark);
  if (!mark) return null;
  const changes = [...mark.history].sort((a, b) => a.version - b.version);
  if (changes.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <ol className="history" data-testid="mark-history">
      {changes.map((c) => (
        <li key={c.version} className={`history__item history__item--${c.kind.toLowerCase()}`} data-testid="mark-history-item">
          <div className="history__what">
            {c.kind === 'CREATED'
              ? t('history.CREATED', { value: withType(c.newValue, c.newWorkType) })
              : c.kind === 'CHANGED'
                ? t('history.CHANGED', { old: withType(c.oldValue, c.oldWorkType), new: withType(c.newValue, c.newWorkType) })
                : c.kind === 'CONFIRMED'
                  ? t('history.CONFIRMED', { value: withType(c.newValue, c.newWorkType) })
                  : t('history.RETRACTED', { value: withType(c.oldValue, c.oldWorkType) })}
            {c.backdated ? <span className="tag tag--warn">{t('history.backdated')}</span> : null}
          </div>
          {c.reason ? (
            <div className="history__reason" data-testid="mark-history-reason">
              {t('history.reason', { reason: c.reason })}
            </div>
          ) : null}
          <div className="history__meta muted">
            {c.author ? `${c.author.shortName}, ` : ''}
            {formatDateTime(c.at, i18n.resolvedLanguage ?? 'ru')}
          </div>
        </li>
      ))}
    </ol>
  );
}
