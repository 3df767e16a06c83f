import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/useErrorText';
import { ScreenError } from '../shared/ScreenError';

interface Props<TRow> {
  title: string;
  /** The card's `data-testid`; its title's id is `<testId>-title`. */
  testId: string;
  /** The card's query: what went wrong and how to ask again. */
  query: { error?: unknown; refetch: () => Promise<unknown> };
  /** The query's rows; `undefined` until its answer has come. */
  rows: readonly TRow[] | undefined;
  /** What the card says when the answer has no rows. */
  empty: string;
  /** One row of the list, an `<li>` with its key. */
  renderRow: (row: TRow, index: number) => ReactNode;
  /** After the list: a dialog the rows open. */
  children?: ReactNode;
}

/** One of the journal control's lists (issue 18): a card with its title, the list, or why there is none yet. */
export function ControlCard<TRow>({ title, testId, query, rows, empty, renderRow, children }: Props<TRow>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <section className="card" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`} className="subheading">
        {title}
      </h2>
      {query.error && !rows ? (
        <ScreenError error={errorText(query.error)} onRetry={() => void query.refetch()} />
      ) : !rows ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain-list control-list">{rows.map(renderRow)}</ul>
      )}
      {children}
    </section>
  );
}
