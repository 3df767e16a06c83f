import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { routeHref } from '../routing/route';
import { capitalize, formatDate, todayIso } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';

const TeacherDayQuery = graphql(`
  query TeacherDay($on: LocalDate!) {
    viewer {
      id
    }
    teacherDay(on: $on) {
      id
      date
      lessonNumber
      room
      topic
      homework
      substitutionApproved
      group {
        id
        name
        subject {
          id
          name
        }
      }
      teacher {
        id
        shortName
      }
      substitute {
        id
        shortName
      }
    }
  }
`);

/**
 * The teacher's start screen (issue 17): today's lessons in timetable order, substitutions included;
 * each opens its journal on today's column.
 */
export function TodayScreen({ on }: { on?: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const day = on ?? todayIso();
  const { data, error, refetch } = useQuery(TeacherDayQuery, { variables: { on: day } });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const me = data.viewer?.id;
  const lessons = data.teacherDay;

  return (
    <section aria-labelledby="today-title" className="today">
      <h1 id="today-title" className="page-title">
        {t('teacherDay.title')}
      </h1>
      <p className="muted" data-testid="today-date">
        {capitalize(formatDate(day, i18n.resolvedLanguage ?? 'ru', { weekday: 'long', day: 'numeric', month: 'long' }))}
      </p>
      {lessons.length === 0 ? (
        <p className="card muted">{t('teacherDay.noLessons')}</p>
      ) : (
        <ol className="plain-list today__lessons" data-testid="today-lessons">
          {lessons.map((lesson) => {
            const substituting = lesson.substitute?.id === me;
            return (
              <li key={lesson.id} className="card today__lesson" data-testid={`today-lesson-${lesson.id}`}>
                <a
                  className="today__link"
                  href={routeHref({ name: 'journal', groupId: lesson.group.id, on: lesson.date })}
                  data-testid={`today-open-${lesson.id}`}
                >
                  <strong>{t('teacherDay.lessonLine', { n: lesson.lessonNumber, subject: lesson.group.subject.name, group: lesson.group.name })}</strong>
                </a>
                <span className="muted">
                  {lesson.room ? t('teacherDay.room', { room: lesson.room }) : null}
                  {substituting ? (
                    <span className="badge" data-testid="today-substitution">
                      {t('teacherDay.substitutionFor', { teacher: lesson.teacher.shortName })}
                      {lesson.substitutionApproved ? '' : ` (${t('teacherDay.awaitingApproval')})`}
                    </span>
                  ) : null}
                </span>
                <div className={lesson.topic ? undefined : 'muted'}>{lesson.topic ?? t('teacherDay.noTopic')}</div>
                {lesson.homework ? <div className="muted">{t('teacherDay.homework', { text: lesson.homework })}</div> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
