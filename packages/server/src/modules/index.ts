import type { ModuleDefinition } from '../kernel/module.js';
import { auditModule } from './audit/audit.module.js';
import { authModule } from './auth/auth.module.js';
import { eventsModule } from './events/events.module.js';
import { journalModule } from './journal/journal.module.js';
import { messagingModule } from './messaging/messaging.module.js';
import { monitorModule } from './monitor/monitor.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { peopleModule } from './people/people.module.js';
import { reportsModule } from './reports/reports.module.js';
import { schoolModule } from './school/school.module.js';
import { timetableModule } from './timetable/timetable.module.js';

/**
 * Every domain module, lowest first (docs/ARCHITECTURE.md, Layers): the schema, the ORM's entities and the
 * request's loaders are built from this list.
 */
export const modules: readonly ModuleDefinition[] = [
  schoolModule,
  peopleModule,
  authModule,
  timetableModule,
  messagingModule,
  journalModule,
  eventsModule,
  notificationsModule,
  auditModule,
  monitorModule,
  reportsModule,
];
