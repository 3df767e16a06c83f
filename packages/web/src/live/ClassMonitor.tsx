import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { ClassMonitorQuery, MonitorJournalQuery } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { commsHref, pollInterval } from '../messaging/links';
import { OverdueDocument } from '../messaging/OverdueLetters';
import { formatDateTime, periodFor, todayIso } from '../shared/dates';
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
      }
      school {
        id
        currentYear {
          id
          periods {
            id
            startsOn
            endsOn
          }
        }
      }
    }
  }
`);

const MonitorJournalDocument = graphql(`
  query MonitorJournal($groupId: ID!, $periodId: ID!) {
    journal(groupId: $groupId, periodId: $periodId) {
      lessons {
        id
        date
        lessonNumber
        topic
        homework
      }
      attendance {
        id
        lessonId
        studentId
        date
        status
      }
      marks {
        id
        lessonId
        studentId
        value
        retracted
        enteredAt
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
        id
        lessonId
        studentId
        value
        retracted
        enteredAt
        subject {
          id
          name
        }
      }
      attendance {
        id
        lessonId
        studentId
        date
        status
      }
      lesson {
        id
        date
        lessonNumber
        topic
        homework
        group {
          id
        }
      }
    }
  }
`);

type SchoolClass = NonNullable<ClassMonitorQuery['viewer']>['ledClasses'][number];
type Journal = MonitorJournalQuery['journal'];
type Attendance = Journal['attendance'][number];
type Mark = Journal['marks'][number];
type Lesson = Journal['lessons'][number] & { groupId: string };

/** R-A4: what a class teacher watches during the day. */
interface Today {
  lessons: Map<string, Lesson>;
  absences: Map<string, Attendance>;
  lowMarks: Map<string, Mark>;
}

/** "2" and below on the five-point scale; other scales have no low marks here. */
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
  const period = periodFor(data.viewer.school?.currentYear?.periods ?? [], todayIso());
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
      <Monitor key={schoolClass.id} schoolClass={schoolClass} periodId={period?.id ?? null} schoolId={data.viewer.school?.id ?? null} />
    </>
  );
}

function Monitor({ schoolClass, periodId, schoolId }: { schoolClass: SchoolClass; periodId: string | null; schoolId: string | null }) {
  const { t, i18n } = useTranslation();
  // Unanswered letters have no live stream: asked again like the inbox.
  const { data: overdueData } = useQuery(OverdueDocument, { variables: { schoolId: schoolId ?? '' }, skip: !schoolId, pollInterval: pollInterval() });
  const overdue = (overdueData?.overdueLetters ?? []).filter((l) => l.className === schoolClass.name);
  const client = useApolloClient();
  const today = todayIso();
  const [state, setState] = useState<Today | null>(null);

  // Today's picture from the journals of the class's groups; events then keep it current.
  const load = useCallback(async () => {
    if (!periodId) return setState({ lessons: new Map(), absences: new Map(), lowMarks: new Map() });
    const pages = await Promise.all(
      schoolClass.groups.map(async (group) => {
        const { data } = await client.query({ query: MonitorJournalDocument, variables: { groupId: group.id, periodId }, fetchPolicy: 'network-only' });
        return { group, journal: data?.journal };
      }),
    );
    const next: Today = { lessons: new Map(), absences: new Map(), lowMarks: new Map() };
    for (const { group, journal } of pages) {
      if (!journal) continue;
      for (const lesson of journal.lessons) if (lesson.date === today) next.lessons.set(lesson.id, { ...lesson, groupId: group.id });
      for (const a of journal.attendance) if (a.date === today && a.status !== 'PRESENT') next.absences.set(a.id, a);
      if (group.scale === 'FIVE_POINT') {
        for (const m of journal.marks) if (!m.retracted && isLow(m.value) && m.enteredAt.startsWith(today)) next.lowMarks.set(m.id, m);
      }
    }
    setState(next);
  }, [client, schoolClass, periodId, today]);

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
        const next: Today = { lessons: new Map(prev.lessons), absences: new Map(prev.absences), lowMarks: new Map(prev.lowMarks) };
        const { attendance, mark, lesson } = event;
        if (attendance && attendance.date === today) {
          if (attendance.status === 'PRESENT') next.absences.delete(attendance.id);
          else next.absences.set(attendance.id, attendance);
        }
        if (mark) {
          if (!mark.retracted && isLow(mark.value) && mark.enteredAt.startsWith(today)) next.lowMarks.set(mark.id, mark);
          else next.lowMarks.delete(mark.id);
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
          <section className="card monitor__panel" data-testid="monitor-low-marks">
            <h2 className="subheading">{t('monitor.lowMarks')}</h2>
            {state.lowMarks.size === 0 ? <p className="muted">{t('monitor.none')}</p> : null}
            <ul className="plain-list">
              {[...state.lowMarks.values()].map((m) => (
                <li key={m.id} data-testid={`monitor-mark-${m.id}`}>
                  <strong>{m.value}</strong> {names.get(m.studentId)} <span className="muted">{lessonName(m.lessonId)}</span>
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
    </section>
  );
}
