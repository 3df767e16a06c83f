import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../gql';
import type { ClassMonitorQuery } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { commsHref, pollInterval } from '../messaging/links';
import { OverdueDocument } from '../messaging/OverdueLetters';
import { markTone } from '../journal/marks';
import { dateAtSchool, formatDate, formatDateTime, todayIso } from '../shared/dates';
import { ClassDesk } from './ClassDesk';
import { ScreenError } from '../shared/ScreenError';
import { showToast } from './toasts';
import { useLiveStream } from './useLiveStream';

const ClassMonitorDocument = graphql(`
  query ClassMonitor {
    viewer {
      id
      ledClasses {
        id
        name
        students {
          id
          shortName
        }
        groups {
          id
          scale
          subject {
            id
            name
          }
        }
        ...ClassDesk_class
      }
      school {
        id
      }
    }
  }
`);

/** The day's rows as the monitor keeps them: the day's answer and the live events fill the same maps. */
const ClassMonitor_mark = graphql(`
  fragment ClassMonitor_mark on Mark {
    id
    lessonId
    studentId
    date
    value
    retracted
    enteredAt
    subject {
      id
      name
    }
  }
`);

const ClassMonitor_absence = graphql(`
  fragment ClassMonitor_absence on AttendanceMark {
    id
    lessonId
    studentId
    date
    status
  }
`);

const ClassMonitor_lesson = graphql(`
  fragment ClassMonitor_lesson on Lesson {
    id
    date
    lessonNumber
    topic
    homework
    group {
      id
    }
  }
`);

const ClassDayDocument = graphql(`
  query ClassDay($classId: ID!) {
    classDay(classId: $classId) {
      from
      lessons {
        ...ClassMonitor_lesson @unmask
      }
      absences {
        ...ClassMonitor_absence @unmask
      }
      marks {
        ...ClassMonitor_mark @unmask
      }
    }
  }
`);

const ClassLiveDocument = graphql(`
  subscription ClassLive($classId: ID!, $after: ID) {
    classEvents(classId: $classId, after: $after) {
      id
      type
      student {
        id
        shortName
      }
      mark {
        ...ClassMonitor_mark @unmask
      }
      attendance {
        ...ClassMonitor_absence @unmask
      }
      lesson {
        ...ClassMonitor_lesson @unmask
      }
    }
  }
`);

type SchoolClass = NonNullable<ClassMonitorQuery['viewer']>['ledClasses'][number];
type Attendance = DocumentType<typeof ClassMonitor_absence>;
type Mark = DocumentType<typeof ClassMonitor_mark>;
type Lesson = Omit<DocumentType<typeof ClassMonitor_lesson>, 'group'> & { groupId: string };

/** R-A4: what a class teacher watches during the day: every mark and absence, not only the low ones. */
interface Today {
  lessons: Map<string, Lesson>;
  absences: Map<string, Attendance>;
  marks: Map<string, Mark>;
}

/** "2" and below on the five-point scale: these also come as a toast. */
function isLow(value: string): boolean {
  const n = Number(value);
  return Number.isFinite(n) && n <= 2;
}

export function ClassMonitor({ classId }: { classId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ClassMonitorDocument);
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data?.viewer) return <p className="muted">{t('app.loading')}</p>;
  const classes = data.viewer.ledClasses;
  const schoolClass = classes.find((c) => c.id === classId) ?? (classId ? undefined : classes[0]);
  if (!schoolClass) return <p className="card muted">{t('monitor.notLed')}</p>;
  return (
    <>
      {classes.length > 1 ? (
        <div className="segmented">
          {classes.map((c) => (
            <a key={c.id} href={commsHref({ page: 'monitor', classId: c.id })} aria-current={c.id === schoolClass.id ? 'page' : undefined}>
              {c.name}
            </a>
          ))}
        </div>
      ) : null}
      <Monitor key={schoolClass.id} schoolClass={schoolClass} schoolId={data.viewer.school?.id ?? null} />
    </>
  );
}

function Monitor({ schoolClass, schoolId }: { schoolClass: SchoolClass; schoolId: string | null }) {
  const { t, i18n } = useTranslation();
  // Unanswered letters have no live stream: asked again like the inbox.
  const { data: overdueData } = useQuery(OverdueDocument, { variables: { schoolId: schoolId ?? '' }, skip: !schoolId, pollInterval: pollInterval() });
  const overdue = (overdueData?.overdueLetters ?? []).filter((l) => l.className === schoolClass.name);
  const client = useApolloClient();
  const today = todayIso();
  const [state, setState] = useState<Today | null>(null);

  // Today's picture in one query (the server's today); events then keep it current.
  const load = useCallback(async () => {
    const { data } = await client.query({ query: ClassDayDocument, variables: { classId: schoolClass.id }, fetchPolicy: 'network-only' });
    if (!data) return;
    const day = data.classDay;
    setState({
      lessons: new Map(day.lessons.map(({ group, ...l }) => [l.id, { ...l, groupId: group.id }])),
      absences: new Map(day.absences.map((a) => [a.id, a])),
      marks: new Map(day.marks.filter((m) => !m.retracted).map((m) => [m.id, m])),
    });
  }, [client, schoolClass]);

  useEffect(() => {
    void load();
  }, [load]);

  useLiveStream({
    stream: `class.${schoolClass.id}`,
    document: ClassLiveDocument,
    variables: { classId: schoolClass.id },
    pick: (data) => data.classEvents,
    onEvent: (event) => {
      setState((prev) => {
        if (!prev) return prev;
        const next: Today = { lessons: new Map(prev.lessons), absences: new Map(prev.absences), marks: new Map(prev.marks) };
        const { attendance, mark, lesson } = event;
        if (attendance && attendance.date === today) {
          if (attendance.status === 'PRESENT') next.absences.delete(attendance.id);
          else next.absences.set(attendance.id, attendance);
        }
        if (mark) {
          if (!mark.retracted && dateAtSchool(mark.enteredAt) === today) next.marks.set(mark.id, mark);
          else next.marks.delete(mark.id);
        }
        if (lesson && lesson.date === today) next.lessons.set(lesson.id, { ...lesson, groupId: lesson.group.id });
        return next;
      });
      if (event.mark && !event.mark.retracted && isLow(event.mark.value)) {
        showToast(t('live.markCreated', { value: event.mark.value, subject: event.mark.subject.name }));
      }
    },
    onExpired: () => void load(),
  });

  const names = useMemo(() => new Map(schoolClass.students.map((s) => [s.id, s.shortName])), [schoolClass]);
  const subjects = useMemo(() => new Map(schoolClass.groups.map((g) => [g.id, g.subject.name])), [schoolClass]);
  const scaleOf = (lessonId: string) => schoolClass.groups.find((g) => g.id === state?.lessons.get(lessonId)?.groupId)?.scale ?? 'FIVE_POINT';
  const lessons = useMemo(() => [...(state?.lessons.values() ?? [])].sort((a, b) => a.lessonNumber - b.lessonNumber), [state]);
  const lessonName = (lessonId: string) => {
    const lesson = state?.lessons.get(lessonId);
    return lesson ? t('monitor.lesson', { n: lesson.lessonNumber, subject: subjects.get(lesson.groupId) ?? '' }) : '';
  };
  const unfilled = lessons.filter((l) => !l.topic || !l.homework);

  return (
    <section className="monitor" aria-labelledby="monitor-title">
      <h1 id="monitor-title" className="page-title">
        {t('monitor.title', { name: schoolClass.name })}
      </h1>
      {!state ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <div className="monitor__grid">
          <section className="card monitor__panel" data-testid="monitor-absences">
            <h2 className="subheading">{t('monitor.absences')}</h2>
            {state.absences.size === 0 ? <p className="muted">{t('monitor.none')}</p> : null}
            <ul className="plain-list">
              {[...state.absences.values()].map((a) => (
                <li key={a.id} data-testid={`monitor-absence-${a.id}`}>
                  <span className={`att att--${a.status}`}>{t(`attendance.code.${a.status}`)}</span> {names.get(a.studentId)}{' '}
                  <span className="muted">{lessonName(a.lessonId)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card monitor__panel" data-testid="monitor-marks">
            <h2 className="subheading">{t('classDesk.marks')}</h2>
            {state.marks.size === 0 ? <p className="muted">{t('monitor.none')}</p> : null}
            <ul className="plain-list">
              {[...state.marks.values()].map((m) => (
                <li key={m.id} data-testid={`monitor-mark-${m.id}`}>
                  <strong className={`mark mark--static tone-${markTone(m.value, scaleOf(m.lessonId))}`}>{m.value}</strong> {names.get(m.studentId)}{' '}
                  <span className="muted">
                    {state.lessons.has(m.lessonId)
                      ? lessonName(m.lessonId)
                      : `${m.subject.name}, ${formatDate(m.date, i18n.resolvedLanguage ?? 'ru', { day: 'numeric', month: 'long' })}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card monitor__panel" data-testid="monitor-overdue">
            <h2 className="subheading">{t('monitor.overdue')}</h2>
            {overdue.length === 0 ? <p className="muted">{t('monitor.none')}</p> : null}
            <ul className="plain-list">
              {overdue.map((l) => (
                <li key={l.conversationId}>
                  <a href={commsHref({ page: 'conversation', conversationId: l.conversationId })}>{l.subject}</a> {l.from}{' '}
                  <span className="muted">{t('overdue.due', { date: formatDateTime(l.answerDueAt, i18n.resolvedLanguage ?? 'ru') })}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card monitor__panel" data-testid="monitor-unfilled">
            <h2 className="subheading">{t('monitor.unfilled')}</h2>
            {unfilled.length === 0 ? <p className="muted">{t('monitor.none')}</p> : null}
            <ul className="plain-list">
              {unfilled.map((l) => (
                <li key={l.id} data-testid={`monitor-lesson-${l.id}`}>
                  {lessonName(l.id)}
                  {!l.topic ? <span className="badge badge--muted">{t('monitor.noTopic')}</span> : null}
                  {!l.homework ? <span className="badge badge--muted">{t('monitor.noHomework')}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
      {schoolId ? <ClassDesk schoolClass={schoolClass} schoolId={schoolId} /> : null}
    </section>
  );
}
