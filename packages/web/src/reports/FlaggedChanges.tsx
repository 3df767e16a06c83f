import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';

const FlaggedChangesQuery = graphql(`
  query FlaggedChanges($schoolId: ID!) {
    flaggedChanges(schoolId: $schoolId, limit: 50) {
      id
      at
      action
      entity
      about
      actorName
      actorLogin
      invalidatedAt
    }
  }
`);

/** R-A2: the changes made from accounts reported compromised, flagged invalid in the audit log, latest first. */
export function FlaggedChanges({ schoolId }: { schoolId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(FlaggedChangesQuery, { variables: { schoolId }, fetchPolicy: 'cache-and-network' });
  const changes = data?.flaggedChanges ?? [];
  return (
    <section className="card" aria-labelledby="flagged-changes-title" data-testid="flagged-changes">
      <h2 id="flagged-changes-title" className="subheading">
        {t('control.changes.title')}
      </h2>
      {error && !data ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : changes.length === 0 ? (
        <p className="muted">{t('control.changes.none')}</p>
      ) : (
        <ul className="plain-list control-list">
          {changes.map((c) => (
            <li key={c.id}>
              <strong>{t(`audit.action.${c.action}`, { defaultValue: c.action })}</strong> · {c.about ?? t(`audit.entity.${c.entity}`, { defaultValue: c.entity })}
              <div className="muted">
                {c.actorName} ({c.actorLogin}), {formatDateTime(c.at, lng)}
                {c.invalidatedAt ? ` · ${t('control.changes.flaggedAt', { at: formatDateTime(c.invalidatedAt, lng) })}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
