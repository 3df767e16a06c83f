/**
 * The journal module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { flagMarksMadeBy } from './flagged-marks.js';
export { LateEntryKind } from './history.entity.js';
export { Attendance, AttendanceStatus, COUNTED_MARKS, FinalMark, FinalMarkKind, Mark, Remark, RemarkKind } from './journal.entity.js';
export { journalModule } from './journal.module.js';
export { averageOf } from './journal.resolver.js';
export { AttendanceType, FinalMarkType, MarkType, RemarkType, type StudentRecordKeys, SubjectAverageType, WorkTypeType } from './journal.types.js';
export { IntendedMarkNotice } from './keeping.entity.js';
export { LessonFileService } from './lesson-file.service.js';
export { lessonFileRoutes } from './lesson-files.http.js';
