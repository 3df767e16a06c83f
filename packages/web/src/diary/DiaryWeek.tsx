import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import type { DiaryWeekQuery } from '../gql/graphql';
import { markTone } from '../journal/marks';
import { routeHref } from '../routing/route';
import { addDays, formatDate, formatDateRange, mondayOf, todayIso } from '../shared/dates';
import { MarkHistory } from '../shared/MarkHistory';
import { DiaryError } from './DiaryError';
import { DiaryLesson } from './DiaryLesson';
import { useDiaryLive } from '../live/useDiaryLive';

const DiaryWeekDocument = graphql(`
  query DiaryWeek($studentId: ID!, $weekOf: LocalDate!) {
    diary(studentId: $studentId, weekOf: $weekOf) {
      weekStart
      keptOnPaper
      student {
        id
        fullName
      }
      lessons {
        id
        date
        lessonNumber
        subject {
          id
          name
        }
        group {
          id
          scale
        }
        ...DiaryLesson_lesson @unmask
      }
      marks {
        id
        lessonId
        date
        value
        weight
        comment
        backdated
        retracted
        workType {
          id
          code
          name
          weight
        }
        # Whether it was ever changed; the history itself is MarkHistory's.
        history {
          version
        }
        ...MarkHistory_mark
      }
      attendance {
        id
        lessonId
        status
        minutesLate
      }
      remarks {
        id
        lessonId
        kind
        text
        at
        author {
          id
          shortName
        }
      }
    }
  }
`);

type Week = DiaryWeekQuery['diary'];
type Lesson = Week['lessons'][number];
type Mark = Week['marks'][number];

interface Props {
  studentId: string;
  /** Monday of the week to show. */
  weekOf: string;
  /** An item to show (a mark, absence, remark or lesson id): the one a notice was about. */
  highlight?: string;
  self: boolean;
}

function byLesson<T extends { lessonId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(item.lessonId, [...(map.get(item.lessonId) ?? []), item]);
  return map;
}

/** R-D1: the week as the paper diary has it: per day the lessons with topic, homework, marks, absences, remarks. */
export function DiaryWeek({ studentId, weekOf, highlight, self }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const { data, error, refetch } = useQuery(DiaryWeekDocument, {
    variables: { studentId, weekOf },
    fetchPolicy: 'cache-and-network',
    // A live event's reload (useDiaryLive) is a request of its own: joined to an answer already on its way
    // (Apollo's deduplication), it would get the week as it was before the change the event announces.
    context: { queryDeduplication: false },
  });
  const [openMark, setOpenMark] = useState<{ mark: Mark; lesson: Lesson } | null>(null);
  // Only this student's week: while another loads, the previous answer is not shown under the new title.
  const week = data?.diary.weekStart === weekOf && data.diary.student.id === studentId ? data.diary : null;
  const fresh = useDiaryLive(studentId, week, refetch);
  const live = (id: string) =>
    fresh.has(id)
      ? { className: ' live-new', flag: 'new' }
      : id === highlight
        ? { className: ' live-new', flag: 'linked' }
        : { className: '', flag: undefined };
  // The item a notice links to comes into view once the week is on screen.
  useEffect(() => {
    if (week && highlight) document.querySelector(`[data-live="linked"]`)?.scrollIntoView({ block: 'center' });
  }, [week, highlight]);

  const days = useMemo(() => {
    if (!week) return [];
    const marks = byLesson(week.marks);
    const attendance = byLesson(week.attendance);
    const remarks = byLesson(week.remarks);
    return Array.from({ length: 6 }, (_, i) => addDays(week.weekStart, i))
      .map((date) => ({
        date,
        lessons: week.lessons
          .filter((l) => l.date === date)
          .sort((a, b) => a.lessonNumber - b.lessonNumber)
          .map((lesson) => ({
            lesson,
            marks: marks.get(lesson.id) ?? [],
            attendance: attendance.get(lesson.id)?.[0] ?? null,
            remarks: remarks.get(lesson.id) ?? [],
          })),
      }))
      .filter((day, i) => i < 5 || day.lessons.length > 0); // Saturday only when it has lessons
  }, [week]);

  const thisWeek = mondayOf(todayIso());

  return (
    <div className="diary-week">
      <div className="week-nav">
        <a
          className="button button--ghost button--small"
          href={routeHref({ name: 'diary', studentId, week: addDays(weekOf, -7) })}
          aria-label={t('diary.prevWeek')}
          data-testid="diary-prev-week"
        >
          ‹<span className="hide-phone">{t('diary.prevWeek')}</span>
        </a>
        <h2 className="week-nav__title" data-testid="diary-week-title">
          {formatDateRange(weekOf, addDays(weekOf, 5), lng)}
        </h2>
        <a
          className="button button--ghost button--small"
          href={routeHref({ name: 'diary', studentId, week: addDays(weekOf, 7) })}
          aria-label={t('diary.nextWeek')}
          data-testid="diary-next-week"
        >
          <span className="hide-phone">{t('diary.nextWeek')}</span>›
        </a>
        {weekOf !== thisWeek ? (
          <a className="week-nav__today" href={routeHref({ name: 'diary', studentId, week: thisWeek })} data-testid="diary-this-week">
            {t('diary.thisWeek')}
          </a>
        ) : null}
      </div>
      {error && !week ? (
        <DiaryError error={error} self={self} studentId={studentId} onRetry={() => void refetch()} />
      ) : !week ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          {week.keptOnPaper ? (
            <p className="card muted" role="note" data-testid="diary-kept-on-paper">
              {t('diary.keptOnPaper')}
            </p>
          ) : null}
          <div className="week" data-testid="diary-week">
            {days.map((day) => (
              <section key={day.date} className="day card" aria-labelledby={`day-${day.date}`}>
                <h3 className="day__title" id={`day-${day.date}`}>
                  <span className="day__weekday">{formatDate(day.date, lng, { weekday: 'long' })}</span>
                  <span className="day__date muted">{formatDate(day.date, lng, { day: 'numeric', month: 'long' })}</span>
                </h3>
                {day.lessons.length === 0 ? (
                  <p className="muted day__empty">{t('diary.noLessons')}</p>
                ) : (
                  <ol className="day__lessons">
                    {day.lessons.map(({ lesson, marks, attendance, remarks }) => (
                      <li
                        key={lesson.id}
                        className={`dlesson${live(lesson.id).className}`}
                        data-live={live(lesson.id).flag}
                        data-testid={`diary-lesson-${lesson.id}`}
                      >
                        <DiaryLesson lesson={lesson}>
                          {attendance ? (
                            <p
                              className={`dlesson__attendance${live(attendance.id).className}`}
                              data-live={live(attendance.id).flag}
                              data-testid={`diary-attendance-${lesson.id}`}
                            >
                              <span className={`att att--${attendance.status}`}>{t(`attendance.code.${attendance.status}`)}</span>{' '}
                              {t(`attendance.name.${attendance.status}`)}
                              {attendance.minutesLate ? `, ${attendance.minutesLate} ${t('journal.minutes')}` : ''}
                            </p>
                          ) : null}
                          {remarks.map((r) => (
                            <p
                              key={r.id}
                              className={`remark remark--${r.kind}${live(r.id).className}`}
                              data-live={live(r.id).flag}
                              data-testid={`diary-remark-${r.id}`}
                            >
                              <span className="remark__kind">{t(`remarks.${r.kind}`)}:</span> {r.text}
                              {r.author ? <span className="muted"> — {r.author.shortName}</span> : null}
                            </p>
                          ))}
                        </DiaryLesson>
                        {marks.length > 0 ? (
                          <div className="dlesson__marks">
                            {marks.map((m) => {
                              const changed = m.history.length > 1;
                              return (
                                <button
                                  key={m.id}
                                  type="button"
                                  className={`dmark tone-${markTone(m.value, lesson.group.scale)}${m.retracted ? ' dmark--retracted' : ''}${live(m.id).className}`}
                                  data-live={live(m.id).flag}
                                  onClick={() => setOpenMark({ mark: m, lesson })}
                                  title={m.retracted ? t('diary.retractedHint') : changed ? t('diary.changedHint') : t('diary.markHint')}
                                  data-testid={`diary-mark-${m.id}`}
                                >
                                  <span className="dmark__value">{m.value}</span>
                                  <span className="dmark__type">{m.workType.name}</span>
                                  {m.retracted ? (
                                    <span className="dmark__changed dmark__changed--retracted" data-testid={`diary-mark-retracted-${m.id}`}>
                                      {t('diary.retracted')}
                                    </span>
                                  ) : changed ? (
                                    <span className="dmark__changed" data-testid={`diary-mark-changed-${m.id}`}>
                                      {t('diary.changed')}
                                    </span>
                                  ) : null}
                                </button>
                              );
                            })}
                          </div>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            ))}
          </div>
        </>
      )}
      {openMark ? (
        <Dialog
          title={t('diary.markDialogTitle', { value: openMark.mark.value, subject: openMark.lesson.subject.name })}
          subtitle={`${formatDate(openMark.mark.date, lng, { day: 'numeric', month: 'long' })} · ${openMark.mark.workType.name} · ${t('markDialog.weight', { weight: openMark.mark.weight })}`}
          onClose={() => setOpenMark(null)}
          testId="diary-mark-dialog"
        >
          {openMark.mark.comment ? <p className="dialog__note">{openMark.mark.comment}</p> : null}
          <h3 className="subheading">{t('markDialog.history')}</h3>
          <MarkHistory mark={openMark.mark} />
          {openMark.mark.history.length > 1 ? <p className="muted dialog__note">{t('diary.historyNote')}</p> : null}
        </Dialog>
      ) : null}
    </div>
  );
}
