import { useQuery } from '@apollo/client/react';
import { useCallback, useDeferredValue, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { navigate, routeHref, type Route } from '../routing/route';
import { PeriodTabs } from '../shared/PeriodTabs';
import { ScreenError } from '../shared/ScreenError';
import { JournalGrid } from './JournalGrid';
import { JournalQuery } from './JournalQuery';
import { journalTarget } from './journalTarget';
import { OpenRemarks } from './OpenRemarks';

const JournalScreen_viewer = graphql(`
  fragment JournalScreen_viewer on Viewer {
    taughtGroups {
      id
      name
      subject {
        id
        name
      }
    }
    ledClasses {
      id
      groups {
        id
        name
        subject {
          id
          name
        }
      }
    }
    school {
      id
      currentYear {
        ...PeriodTabs_year @unmask
      }
    }
  }
`);

/** The screen loads its own navigation data, so the shell (and the home page) stays light. */
const JournalScreenQuery = graphql(`
  query JournalScreen {
    viewer {
      id
      ...JournalScreen_viewer
    }
  }
`);

interface Props {
  route: Extract<Route, { name: 'journal' }>;
}

export function JournalScreen({ route }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(JournalScreenQuery);
  const viewer = useOwnFragment(JournalScreen_viewer, data?.viewer ?? null);
  if (viewer) return <JournalPage viewer={viewer} route={route} />;
  if (error) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  return <p className="muted">{t('app.loading')}</p>;
}

function JournalPage({ viewer, route }: Props & { viewer: DocumentType<typeof JournalScreen_viewer> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();

  const { groups, periods, reference, group, period } = journalTarget(viewer, route);

  const { data, error, loading, refetch } = useQuery(JournalQuery, {
    variables: { groupId: group?.id ?? '', periodId: period?.id ?? '' },
    skip: !group || !period,
  });

  // Averages are the server's (exact arithmetic): refetch once typing pauses.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refreshSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void refetch(), 250);
  }, [refetch]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The grid (a thousand cells and more) renders in the background, in slices the browser can
  // interleave with input and painting, rather than in one long task when the answer arrives.
  const page = useDeferredValue(data?.journal);
  if (!group) return <p className="card muted">{t('journal.noGroups')}</p>;
  if (!period) return <p className="card muted">{t('journal.noYear')}</p>;

  const go = (next: { groupId?: string; periodId?: string }) =>
    navigate({ name: 'journal', groupId: next.groupId ?? group.id, periodId: next.periodId ?? period.id, on: route.on });

  return (
    <section className="journal" aria-labelledby="journal-title">
      <div className="toolbar">
        <h1 id="journal-title" className="page-title">
          {t('journal.title')}
        </h1>
        <label className="toolbar__field">
          <span className="visually-hidden">{t('journal.group')}</span>
          <select className="select" value={group.id} onChange={(e) => go({ groupId: e.target.value })} data-testid="journal-group">
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {t('journal.groupOption', { group: g.name, subject: g.subject.name })}
              </option>
            ))}
          </select>
        </label>
        <PeriodTabs periods={periods} current={period.id} onSelect={(id) => go({ periodId: id })} />
        <a className="button button--ghost button--small" href={routeHref({ name: 'plan', groupId: group.id })} data-testid="journal-plan">
          {t('plan.open')}
        </a>
      </div>
      {!group.editable ? <p className="notice">{t('journal.readOnly')}</p> : null}
      <OpenRemarks groupId={group.id} canAnswer={group.editable} />
      {error && !page ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : page && page.group.id === group.id && page.period.id === period.id ? (
        <JournalGrid
          key={`${group.id}:${period.id}`}
          page={page}
          editable={group.editable}
          today={reference}
          variables={{ groupId: group.id, periodId: period.id }}
          onChanged={refreshSoon}
          onReload={() => void refetch()}
        />
      ) : (
        <p className="muted" aria-busy={loading}>
          {t('app.loading')}
        </p>
      )}
    </section>
  );
}
