import type { Unmasked } from '@apollo/client';
import { useTranslation } from 'react-i18next';
import { useToken } from '../auth/session';
import type { ShellQuery } from '../gql/graphql';
import { useRoute, type Route } from '../routing/route';
import { createStore } from '../shared/store';
import { HeaderBar } from './HeaderBar';
import { LoadingPage } from './LoadingPage';

type EarlyViewer = NonNullable<Unmasked<ShellQuery>['viewer']>;

/** The shell's answer main.tsx sent early, once it has come, with the session it is for. */
const early = createStore<{ token: string; viewer: EarlyViewer } | null>(null);

/**
 * Keeps the shell's early answer (main.tsx sends it before the signed-in app's bundle has loaded) for
 * the preview: the header can be painted from it while that bundle and Apollo are still on their way.
 */
export function previewShell(token: string, answer: Promise<Unmasked<ShellQuery> | null>): void {
  void answer.then((data) => {
    if (!data?.viewer) return;
    early.set({ token, viewer: data.viewer });
  });
}

/** Wide tables (the journal grid, the summary sheet) use the whole width of the screen. */
export function shellClassName(route: Route): string {
  return route.name === 'journal' || route.name === 'reports' ? 'shell shell--wide' : 'shell';
}

/**
 * What a signed-in page shows while the shell starts: its header as the shell will have it (the
 * page's largest text, the school's name, painted as soon as the early answer is there) above the
 * loading line; the plain loading page until that answer has come, or when it is another session's.
 */
export function ShellPreview() {
  const { t } = useTranslation();
  const token = useToken();
  const route = useRoute();
  const shown = early.use();
  if (!shown || shown.token !== token) return <LoadingPage />;
  const { viewer } = shown;
  return (
    <div className={shellClassName(route)} aria-busy="true">
      <HeaderBar fullName={viewer.fullName} primaryRole={viewer.primaryRole} schoolName={viewer.school?.name ?? null} />
      <main className="main">
        <p className="muted">{t('app.loading')}</p>
      </main>
    </div>
  );
}
