/** The outbox events of the school's year (kernel/events.ts). */
import type { MovementKind } from './movement-kind.js';

declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** Issue 17: a pupil moved by the year transition's order; about the pupil (kept screens only). `toClassId`: null when leaving. */
    'student.moved': { movementId: string; kind: MovementKind; toClassId: string | null };
  }
}
