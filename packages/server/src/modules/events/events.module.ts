import { defineModule } from '../../kernel/module.js';
import { ExamEntry, SchoolEvent } from './events.entity.js';
import { EventsResolver } from './events.resolver.js';
import { EventsService } from './events.service.js';
import { eventsRules } from './events.policy.js';

export const eventsModule = defineModule({
  name: 'events',
  resolvers: [EventsResolver],
  rules: eventsRules,
  instances: (clock) => [[EventsResolver, new EventsResolver(new EventsService(clock))]],
  entities: [SchoolEvent, ExamEntry],
});
