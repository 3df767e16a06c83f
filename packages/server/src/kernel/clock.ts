/**
 * "Now" for domain purposes: when a mark, a consent, a letter… was entered, a student's age, which
 * classes, grants and enrolments are in force today, deadlines. It is passed explicitly from the
 * entry points (main.ts, the test harness, the CLI) down to every service, so tests pin it and the
 * compiler finds every place that needs it. The few reads of the wall clock that are not domain
 * time are listed, with their reasons, in docs/ARCHITECTURE.md and in kernel/clock.test.ts.
 */
export type Clock = () => Date;

/** The real time: the one place that reads it for domain purposes. */
export const systemClock: Clock = () => new Date();
