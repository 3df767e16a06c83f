/** The outbox events of lessons (kernel/events.ts). Routing: the lesson's group (`groupId`), no student. */
declare module '../../kernel/events.js' {
  interface DomainEvents {
    /**
     * A lesson's topic or homework (the journal, with them as they now stand), a substitution or an added lesson
     * (timetable); live LESSON_CHANGED to its group's diaries.
     */
    'lesson.changed': { lessonId: string; topic?: string | null; homework?: string | null };
    /** Lessons generated for a period, one row per group that got lessons (kept screens only). */
    'lessons.generated': { periodId: string };
  }
}

export {};
