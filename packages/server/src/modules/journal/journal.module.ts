import { defineModule } from '../../kernel/module.js';
import { FinalMarkChange, LateEntry } from './history.entity.js';
import { DeadlinesResolver, FinalMarkChangeResolver, FinalMarkHistoryResolver } from './history.resolver.js';
import { Attendance, AttendanceChange, FinalMark, Mark, MarkChange, Remark, WorkType } from './journal.entity.js';
import { journalLoaders } from './journal.loaders.js';
import { AttendanceChangeResolver, AttendanceResolver, FinalMarkResolver, JournalResolver, MarkChangeResolver, RemarkResolver } from './journal.resolver.js';
import { JournalService } from './journal.service.js';
import { IntendedMarkNotice, JournalRemark } from './keeping.entity.js';
import { KeepingResolver } from './keeping.resolver.js';
import { KeepingService } from './keeping.service.js';
import { LessonFile } from './lesson-file.entity.js';
import { LessonFileResolver, LessonFilesOfLessonResolver } from './lesson-file.resolver.js';
import { LessonFileService } from './lesson-file.service.js';
import { YearMarksResolver } from './year-marks.resolver.js';
import { journalRules } from './journal.policy.js';

export const journalModule = defineModule({
  name: 'journal',
  resolvers: [
    JournalResolver,
    MarkChangeResolver,
    AttendanceResolver,
    AttendanceChangeResolver,
    RemarkResolver,
    FinalMarkResolver,
    FinalMarkHistoryResolver,
    FinalMarkChangeResolver,
    DeadlinesResolver,
    KeepingResolver,
    YearMarksResolver,
    LessonFileResolver,
    LessonFilesOfLessonResolver,
  ],
  rules: journalRules,
  instances: (clock) => [
    [JournalResolver, new JournalResolver(new JournalService(clock))],
    [DeadlinesResolver, new DeadlinesResolver(new JournalService(clock))],
    [KeepingResolver, new KeepingResolver(new KeepingService(clock))],
    [LessonFileResolver, new LessonFileResolver(new LessonFileService(clock))],
  ],
  entities: [
    WorkType,
    Mark,
    MarkChange,
    Attendance,
    AttendanceChange,
    FinalMark,
    FinalMarkChange,
    LateEntry,
    Remark,
    JournalRemark,
    IntendedMarkNotice,
    LessonFile,
  ],
  loaders: journalLoaders,
});
