/** The outbox events of the calendar and exams (kernel/events.ts). */
declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** R-D5: a state exam's result published; about the student (`studentId`); a notice to the family. */
    'exam.result': { examId: string; score: number };
  }
}

export {};
