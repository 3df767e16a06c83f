import type { ModuleDefinition } from '../kernel/module.js';
import { auditModule } from './audit/index.js';
import { authModule } from './auth/index.js';
import { eventsModule } from './events/index.js';
import { journalModule } from './journal/index.js';
import { messagingModule } from './messaging/index.js';
import { monitorModule } from './monitor/index.js';
import { notificationsModule } from './notifications/index.js';
import { peopleModule } from './people/index.js';
import { reportsModule } from './reports/index.js';
import { schoolModule } from './school/index.js';
import { timetableModule } from './timetable/index.js';

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
