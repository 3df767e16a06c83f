/** The outbox events of notifications (kernel/events.ts). */
declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** Issue 18, 003 §2.2.2: a pupil's family gets its progress report of `from`..`to` (ISO dates); a notice. */
    'progress.report': { from: string; to: string };
  }
}

export {};
