import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { graphql } from '../gql';
import type { DiaryLiveSubscription } from '../gql/graphql';
import { addDays } from '../shared/dates';
import { showToast } from './toasts';
import { useLiveStream } from './useLiveStream';

export const DiaryLiveDocument = graphql(`
  subscription DiaryLive($studentId: ID!, $after: ID) {
    diaryEvents(studentId: $studentId, after: $after) {
      id
      type
      at
      mark {
        id
        lessonId
        date
        value
        retracted
        subject {
          id
          name
        }
      }
      attendance {
        id
        lessonId
        date
        status
      }
      remark {
        id
        lessonId
        kind
        text
      }
      lesson {
        id
        date
        topic
        homework
        subject {
          id
          name
        }
      }
      finalMark {
        id
      }
    }
  }
`);

export type DiaryEvent = DiaryLiveSubscription['diaryEvents'];

/** What a live event says, in a line (a toast, the home page's news); null for a kind this version does not know. */
export function describeDiaryEvent(t: TFunction, event: DiaryEvent, subject: string): string | null {
  switch (event.type) {
    case 'MARK_CREATED':
      return t('live.markCreated', { value: event.mark?.value, subject });
    case 'MARK_CHANGED':
      return t('live.markChanged', { value: event.mark?.value, subject });
    case 'MARK_RETRACTED':
      return t('live.markRetracted', { subject });
    case 'ATTENDANCE_CHANGED':
      return t('live.attendance', { subject });
    case 'REMARK_ADDED':
      return t('live.remark');
    case 'LESSON_CHANGED':
      return t('live.lesson', { subject });
    case 'FINAL_MARK_SET':
      return t('live.finalMark');
    default:
      return null;
  }
}

/** How long a fresh item stays highlighted. */
const HIGHLIGHT_MS = 15_000;

interface Week {
  weekStart: string;
  lessons: readonly { id: string; subject: { name: string } }[];
}

/**
 * Keeps an open diary week live: an event about this week reloads the week (one query, only
 * for the week on screen), its item is highlighted for a while, and a toast says what came.
 * Returns the ids (marks, absences, remarks, lessons) to highlight.
 */
export function useDiaryLive(studentId: string, week: Week | null, refetch: () => unknown): ReadonlySet<string> {
  const { t } = useTranslation();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const highlight = (id: string) => {
    setFresh((prev) => new Set(prev).add(id));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFresh((prev) => {
        const next = new Set(prev);
        next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  };

  const inWeek = (event: DiaryEvent): boolean => {
    if (!week) return false;
    const date = event.mark?.date ?? event.attendance?.date ?? event.lesson?.date;
    if (date) return week.weekStart <= date && date <= addDays(week.weekStart, 6);
    return !!event.remark && week.lessons.some((l) => l.id === event.remark!.lessonId);
  };

  const subjectOf = (event: DiaryEvent): string =>
    event.mark?.subject.name ??
    event.lesson?.subject.name ??
    week?.lessons.find((l) => l.id === (event.attendance?.lessonId ?? event.remark?.lessonId))?.subject.name ??
    '';

  useLiveStream({
    stream: `diary.${studentId}`,
    document: DiaryLiveDocument,
    variables: { studentId },
    pick: (data) => data.diaryEvents,
    onEvent: (event) => {
      const text = describeDiaryEvent(t, event, subjectOf(event));
      if (text) showToast(text);
      // A replayed event can arrive before the week's own answer, which may have been read before the change:
      // the week is asked again, and the item is highlighted when it renders (ids are unique, so marking one
      // of another week shows nothing).
      if (week && !inWeek(event)) return;
      void refetch();
      const id = event.mark?.id ?? event.attendance?.id ?? event.remark?.id ?? event.lesson?.id;
      if (id && event.type !== 'MARK_RETRACTED') highlight(id);
    },
    onExpired: () => void refetch(),
  });

  return fresh;
}
