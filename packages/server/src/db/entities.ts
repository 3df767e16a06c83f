import { AuditEvent } from '../modules/audit/audit.entity.js';
import { LoginCode, OidcAttempt, OidcIdentity } from '../modules/auth/oidc.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { ExamEntry, SchoolEvent } from '../modules/events/events.entity.js';
import { IntendedMarkNotice, JournalRemark, PlanTopic } from '../modules/journal/keeping.entity.js';
import { LessonFile } from '../modules/journal/lesson-file.entity.js';
import { Attachment, Conversation, ConversationParticipant, Message, MessageRead, WallPost } from '../modules/messaging/messaging.entity.js';
import { NotificationCursor, NotificationDelivery, NotificationPreference } from '../modules/notifications/notifications.entity.js';
import { PushReceipt, PushSubscription } from '../modules/notifications/push.entity.js';
import { FinalMarkChange, LateEntry } from '../modules/journal/history.entity.js';
import { Attendance, AttendanceChange, FinalMark, Mark, MarkChange, Remark, WorkType } from '../modules/journal/journal.entity.js';
import { Consent, DiaryVisit } from '../modules/people/consent.entity.js';
import { StudentMovement } from '../modules/people/movement.entity.js';
import { HomeSchooling } from '../modules/people/home-schooling.entity.js';
import { RoleGrant } from '../modules/people/role-grant.entity.js';
import { Enrolment, Guardianship } from '../modules/people/student.entity.js';
import { User } from '../modules/people/user.entity.js';
import { AcademicYear, Holiday, ReportingPeriod } from '../modules/school/academic-year.entity.js';
import { SchoolSettings } from '../modules/school/settings.entity.js';
import { DutyDone } from '../modules/school/duties.entity.js';
import { ProgressReportSent } from '../modules/notifications/parents-informed.entity.js';
import { CurriculumItem } from '../modules/school/curriculum.entity.js';
import { SchoolClass } from '../modules/school/school-class.entity.js';
import { YearTransition } from '../modules/school/year-transition.entity.js';
import { EducationAuthority, School, Subject } from '../modules/school/school.entity.js';
import { GroupMember, StudyGroup, TeachingAssignment } from '../modules/school/study-group.entity.js';
import { Lesson, TimetableSlot } from '../modules/timetable/timetable.entity.js';
import { DomainEvent } from '../realtime/domain-event.entity.js';
import { ServerSetting } from './server-setting.entity.js';

/** Every entity, listed explicitly: discovery by folder scanning differs between tsx, vitest and builds. */
export const entities = [
  EducationAuthority,
  School,
  Subject,
  AcademicYear,
  ReportingPeriod,
  Holiday,
  SchoolClass,
  User,
  RoleGrant,
  Enrolment,
  Guardianship,
  Session,
  CurriculumItem,
  StudyGroup,
  GroupMember,
  TeachingAssignment,
  TimetableSlot,
  Lesson,
  StudentMovement,
  HomeSchooling,
  Consent,
  DiaryVisit,
  AuditEvent,
  WorkType,
  Mark,
  MarkChange,
  Attendance,
  AttendanceChange,
  FinalMark,
  FinalMarkChange,
  LateEntry,
  SchoolSettings,
  DutyDone,
  YearTransition,
  ProgressReportSent,
  Remark,
  DomainEvent,
  PlanTopic,
  JournalRemark,
  IntendedMarkNotice,
  SchoolEvent,
  ExamEntry,
  Conversation,
  ConversationParticipant,
  Message,
  MessageRead,
  Attachment,
  LessonFile,
  WallPost,
  NotificationPreference,
  NotificationCursor,
  NotificationDelivery,
  PushSubscription,
  PushReceipt,
  ServerSetting,
  OidcIdentity,
  OidcAttempt,
  LoginCode,
];
