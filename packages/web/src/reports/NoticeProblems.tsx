import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatAverage } from '../journal/marks';
import { ScreenError } from '../shared/ScreenError';

const NoticeProblemsQuery = graphql(`
  query NoticeProblems($periodId: ID!) {
    noticeProblems(periodId: $periodId) {
      studentName
      groupName
      periodMark
      average
      late
    }
  }
`);

/** R-J7: period marks below the average that the parents were not told of in time (or at all). */
export function NoticeProblems({ periodId }: { periodId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(NoticeProblemsQuery, { variables: { periodId }, fetchPolicy: 'cache-and-network' });
  const rows = data?.noticeProblems ?? [];
  return (
    <section className="card" aria-labelledby="notice-problems-title" data-testid="notice-problems">
      <h2 id="notice-problems-title" className="subheading">
        {t('control.notices.title')}
      </h2>
      {error && !data ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('control.notices.none')}</p>
      ) : (
        <ul className="plain-list control-list">
          {rows.map((r, i) => (
            // Namesakes in one group are possible: the position keeps keys apart.
            <li key={`${r.studentName}|${r.groupName}|${i}`}>
              <strong>{r.studentName}</strong> · {r.groupName}
              <div>
                {t('control.notices.mark', { mark: r.periodMark, average: formatAverage(r.average, i18n.resolvedLanguage ?? 'ru') })} ·{' '}
                <span className="tag tag--warn">{r.late ? t('control.notices.late') : t('control.notices.missing')}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
