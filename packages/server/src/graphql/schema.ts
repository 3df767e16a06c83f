import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import type { Clock } from '../kernel/clock.js';
import { buildSchema, type ContainerType, type ResolverData } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { OidcResolver } from '../modules/auth/oidc.resolver.js';
import type { OidcService } from '../modules/auth/oidc.service.js';
import {
  AttendanceChangeResolver,
  AttendanceResolver,
  FinalMarkResolver,
  JournalResolver,
  MarkChangeResolver,
  RemarkResolver,
} from '../modules/journal/journal.resolver.js';
import { JournalService } from '../modules/journal/journal.service.js';
import { DeadlinesResolver, FinalMarkChangeResolver, FinalMarkHistoryResolver } from '../modules/journal/history.resolver.js';
import { EventsResolver } from '../modules/events/events.resolver.js';
import { EventsService } from '../modules/events/events.service.js';
import { MessageResolver, MessagingResolver } from '../modules/messaging/messaging.resolver.js';
import { MessagingService } from '../modules/messaging/messaging.service.js';
import { NotificationsResolver } from '../modules/notifications/notifications.resolver.js';
import { ProgressResolver } from '../modules/notifications/progress.resolver.js';
import { PushResolver } from '../modules/notifications/push.resolver.js';
import type { PushSettings } from '../modules/notifications/push.service.js';
import { KeepingResolver } from '../modules/journal/keeping.resolver.js';
import { KeepingService } from '../modules/journal/keeping.service.js';
import { YearMarksResolver } from '../modules/journal/year-marks.resolver.js';
import { MonitorResolver } from '../modules/monitor/monitor.resolver.js';
import { StudentResolver } from '../modules/people/people.resolver.js';
import { AuditEventResolver, AuditResolver } from '../modules/audit/audit.resolver.js';
import { ReportsResolver } from '../modules/reports/reports.resolver.js';
import { ConsentResolver } from '../modules/people/consent.resolver.js';
import { MovementResolver } from '../modules/people/movement.resolver.js';
import { HomeSchoolingResolver } from '../modules/people/home-schooling.resolver.js';
import { EnrolmentResolver, PeopleResolver, PersonResolver, RoleGrantResolver } from '../modules/people/people.resolver.js';
import {
  AcademicYearResolver,
  CurriculumItemResolver,
  SchoolClassResolver,
  SchoolResolver,
  StudyGroupResolver,
} from '../modules/school/school.resolver.js';
import { SchoolService } from '../modules/school/school.service.js';
import { YearTransitionResolver } from '../modules/school/year-transition.resolver.js';
import { SchoolSettingsResolver } from '../modules/school/settings.resolver.js';
import { DutiesResolver } from '../modules/school/duties.resolver.js';
import { TimetableResolver, TimetableSlotResolver } from '../modules/timetable/timetable.resolver.js';
import { TeacherDayResolver } from '../modules/timetable/teacher-day.resolver.js';
import { LessonFileResolver, LessonFilesOfLessonResolver } from '../modules/journal/lesson-file.resolver.js';
import { LessonFileService } from '../modules/journal/lesson-file.service.js';
import { TimetableService } from '../modules/timetable/timetable.service.js';
import { ClassEventResolver, outboxOnlyPubSub, RealtimeResolver } from '../realtime/realtime.resolver.js';
import { applyPolicy, authoriseOnCall, type PolicyContext } from '../policy/apply-policy.js';
import { fieldRules, rootRules, typeRules } from '../policy/policy.js';
import { rulesByName } from '../policy/type-rule.js';
import { writeRules } from '../policy/write-rules.js';

export interface Services {
  auth: AuthService;
  /** "Now" for domain rules (kernel/clock.ts); tests pin it. */
  clock: Clock;
  /** Present when an identity provider is configured. */
  oidc?: OidcService | null;
  /** Web Push: the VAPID public key and the push services accepted (absent when only printing the schema). */
  push?: PushSettings | null;
}

/** The whole API: every resolver, wrapped by the access policy (which refuses a field without a rule). */
export async function buildAppSchema(services: Services): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver(services.auth)],
    [OidcResolver, new OidcResolver(services.oidc ?? null)],
    [SchoolResolver, new SchoolResolver(new SchoolService(services.clock))],
    [TimetableResolver, new TimetableResolver(new TimetableService(services.clock))],
    [JournalResolver, new JournalResolver(new JournalService(services.clock))],
    [DeadlinesResolver, new DeadlinesResolver(new JournalService(services.clock))],
    [KeepingResolver, new KeepingResolver(new KeepingService(services.clock))],
    [LessonFileResolver, new LessonFileResolver(new LessonFileService(services.clock))],
    [EventsResolver, new EventsResolver(new EventsService(services.clock))],
    [MessagingResolver, new MessagingResolver(new MessagingService(services.clock))],
    [PushResolver, new PushResolver(services.push ?? null)],
  ]);
  const container: ContainerType = {
    get: (someClass: new () => object, resolverData: ResolverData<Partial<PolicyContext>>) =>
      authoriseOnCall((instances.get(someClass) as object | undefined) ?? new someClass(), resolverData.context),
  };
  const schema = await buildSchema({
    resolvers: [
      AuthResolver,
      OidcResolver,
      StudentResolver,
      SchoolResolver,
      AcademicYearResolver,
      CurriculumItemResolver,
      SchoolClassResolver,
      StudyGroupResolver,
      YearTransitionResolver,
      TimetableResolver,
      TimetableSlotResolver,
      TeacherDayResolver,
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
      MonitorResolver,
      LessonFileResolver,
      LessonFilesOfLessonResolver,
      EventsResolver,
      PeopleResolver,
      PersonResolver,
      RoleGrantResolver,
      EnrolmentResolver,
      MovementResolver,
      HomeSchoolingResolver,
      ConsentResolver,
      AuditResolver,
      AuditEventResolver,
      RealtimeResolver,
      ClassEventResolver,
      MessagingResolver,
      MessageResolver,
      NotificationsResolver,
      ProgressResolver,
      PushResolver,
      ReportsResolver,
      SchoolSettingsResolver,
      DutiesResolver,
    ],
    container,
    // Subscriptions read the outbox (realtime/); type-graphql's PubSub is required but unused.
    pubSub: outboxOnlyPubSub,
    validate: true,
  });
  return applyPolicy(lexicographicSortSchema(schema), { rootRules, writeRules, typeRules: rulesByName(typeRules), fieldRules: rulesByName(fieldRules) });
}
