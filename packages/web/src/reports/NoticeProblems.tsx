import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatAverage } from '../journal/marks';
import { ControlCard } from './ControlCard';

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
  const query = useQuery(NoticeProblemsQuery, { variables: { periodId }, fetchPolicy: 'cache-and-network' });
  return (
    <ControlCard
      title={t('control.notices.title')}
      testId="notice-problems"
      query={query}
      rows={query.data?.noticeProblems}
      empty={t('control.notices.none')}
      renderRow={(r, i) => (
        // Namesakes in one group are possible: the position keeps keys apart.
        <li key={`${r.studentName}|${r.groupName}|${i}`}>
          <strong>{r.studentName}</strong> · {r.groupName}
          <div>
            {t('control.notices.mark', { mark: r.periodMark, average: formatAverage(r.average, i18n.resolvedLanguage ?? 'ru') })} ·{' '}
            <span className="tag tag--warn">{r.late ? t('control.notices.late') : t('control.notices.missing')}</span>
          </div>
        </li>
      )}
    />
  );
}
