import './report.css';
import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatDate } from '../shared/dates';
import { DiaryError } from './DiaryError';

export const StudentExamsDocument = graphql(`
  query StudentExams($studentId: ID!) {
    exams(studentId: $studentId) {
      id
      kind
      examDate
      score
      mark
      resultAt
      subject {
        id
        name
      }
    }
  }
`);

interface Props {
  studentId: string;
  /** The exam a notice links to (`?exam=<id>`): shown and scrolled to. */
  highlight?: string;
  self: boolean;
}

/** R-D5: the state exams (ОГЭ, ЕГЭ) the student is registered for, with their dates and results. */
export function Exams({ studentId, highlight, self }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const { data, error, refetch } = useQuery(StudentExamsDocument, { variables: { studentId }, fetchPolicy: 'cache-and-network' });
  const exams = data?.exams;
  useEffect(() => {
    if (exams && highlight) document.querySelector(`[data-exam="${CSS.escape(highlight)}"]`)?.scrollIntoView({ block: 'center' });
  }, [exams, highlight]);
  if (error && !exams) return <DiaryError error={error} self={self} studentId={studentId} onRetry={() => void refetch()} />;
  if (!exams) return <p className="muted">{t('app.loading')}</p>;
  return (
    <section className="card" aria-labelledby="exams-title" data-testid="exams">
      <h2 id="exams-title" className="subheading">
        {t('exams.title')}
      </h2>
      {exams.length === 0 ? (
        <p className="muted" data-testid="exams-empty">
          {t('exams.empty')}
        </p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('exams.subject')}</th>
                <th scope="col">{t('exams.date')}</th>
                <th scope="col">{t('exams.result')}</th>
              </tr>
            </thead>
            <tbody>
              {exams.map((e) => (
                <tr key={e.id} data-exam={e.id} className={e.id === highlight ? 'exam-list__row--linked' : undefined} data-testid={`exam-${e.id}`}>
                  <th scope="row">
                    {t(`exams.kind.${e.kind}`)} · {e.subject.name}
                  </th>
                  <td>
                    {e.examDate ? (
                      formatDate(e.examDate, lng, { day: 'numeric', month: 'long', year: 'numeric' })
                    ) : (
                      <span className="muted">{t('exams.dateUnknown')}</span>
                    )}
                  </td>
                  <td>
                    {e.score == null && e.mark == null ? (
                      <span className="muted">{t('exams.noResult')}</span>
                    ) : (
                      [e.score != null ? t('exams.score', { score: e.score }) : null, e.mark != null ? t('exams.mark', { mark: e.mark }) : null]
                        .filter(Boolean)
                        .join(', ')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('exams.registration')}</p>
        </>
      )}
    </section>
  );
}
