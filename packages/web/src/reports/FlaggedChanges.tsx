import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatDateTime } from '../shared/dates';
import { ControlCard } from './ControlCard';

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
  const query = useQuery(FlaggedChangesQuery, { variables: { schoolId }, fetchPolicy: 'cache-and-network' });
  return (
    <ControlCard
      title={t('control.changes.title')}
      testId="flagged-changes"
      query={query}
      rows={query.data?.flaggedChanges}
      empty={t('control.changes.none')}
      renderRow={(c) => (
        <li key={c.id}>
          <strong>{t(`audit.action.${c.action}`, { defaultValue: c.action })}</strong> · {c.about ?? t(`audit.entity.${c.entity}`, { defaultValue: c.entity })}
          <div className="muted">
            {c.actorName} ({c.actorLogin}), {formatDateTime(c.at, lng)}
            {c.invalidatedAt ? ` · ${t('control.changes.flaggedAt', { at: formatDateTime(c.invalidatedAt, lng) })}` : ''}
          </div>
        </li>
      )}
    />
  );
}
