/**
 * The timetable module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { PlanTopic } from './plan-topic.entity.js';
export { Lesson } from './timetable.entity.js';
export { timetableModule } from './timetable.module.js';
export { type LessonFacts, keepsLessonJournal, lessonKeeping } from './timetable.policy.js';
export { attendsLesson, holidayOn, lessonsOfStudent } from './timetable.service.js';
export { LessonType } from './timetable.types.js';
