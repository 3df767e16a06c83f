import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { AuditFilter } from '../gql/graphql';
import { ru } from '../i18n/ru';
import { useErrorText } from '../i18n/useErrorText';
import { ScreenError } from '../shared/ScreenError';
import { field } from '../admin/useAction';

const AuditLogQuery = graphql(`
  query AuditLog($schoolId: ID!, $filter: AuditFilter, $after: String) {
    auditLog(schoolId: $schoolId, filter: $filter, after: $after, first: 50) {
      edges {
        cursor
        node {
          id
          at
          action
          entity
          entityId
          about
          actorName
          actorLogin
          ip
          invalidatedAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The actions the log records (the keys of their names), for the filter. */
const ACTIONS = Object.keys(ru.audit.action) as (keyof typeof ru.audit.action)[];

/** R-R7: who changed what and when, searchable by action, entity and time, newest first. */
export function AuditLog({ schoolId }: { schoolId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<AuditFilter>({});
  const { data, error, refetch, fetchMore } = useQuery(AuditLogQuery, { variables: { schoolId, filter } });

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const day = (name: string, end: boolean) => {
      const value = field(form, name);
      return value ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined;
    };
    setFilter({ action: field(form, 'action'), entityId: field(form, 'entityId'), from: day('from', false), to: day('to', true) });
  }

  const page = data?.auditLog;
  return (
    <div className="card">
      <h2 className="subheading">{t('reports.auditTitle')}</h2>
      <form className="inline-form" onSubmit={onSearch} data-testid="audit-search">
        <select className="select" name="action" aria-label={t('reports.auditAction')} defaultValue="" data-testid="audit-action">
          <option value="">{t('reports.auditAction')}: —</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.action.${a}`)}
            </option>
          ))}
        </select>
        <input className="input" name="entityId" placeholder={t('reports.auditEntity')} maxLength={100} />
        <input className="input" name="from" type="date" aria-label={t('reports.auditFrom')} />
        <input className="input" name="to" type="date" aria-label={t('reports.auditTo')} />
        <button type="submit" className="button button--small">
          {t('reports.auditSearch')}
        </button>
      </form>
      {error && !page ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !page ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0}>
            <table className="table" data-testid="audit-log">
              <thead>
                <tr>
                  <th>{t('reports.auditAt')}</th>
                  <th>{t('reports.auditActor')}</th>
                  <th>{t('reports.auditAction')}</th>
                  <th>{t('reports.auditEntity')}</th>
                  <th>IP</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.id} className={node.invalidatedAt ? 'row--error' : undefined}>
                    <td>{new Date(node.at).toLocaleString(i18n.resolvedLanguage ?? 'ru')}</td>
                    <td>
                      {node.actorName} <span className="muted">({node.actorLogin})</span>
                    </td>
                    {/* Russian words for the action and the kind of object; the server names the object itself. */}
                    <td title={node.action}>{t(`audit.action.${node.action}`, { defaultValue: node.action })}</td>
                    <td>
                      {node.about ?? ''} <span className="muted">{t(`audit.entity.${node.entity}`, { defaultValue: node.entity })}</span>
                    </td>
                    <td>{node.ip ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.pageInfo.hasNextPage ? (
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                void fetchMore({
                  variables: { after: page.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({
                    auditLog: { ...fetchMoreResult.auditLog, edges: [...previous.auditLog.edges, ...fetchMoreResult.auditLog.edges] },
                  }),
                })
              }
            >
              {t('reports.more')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
