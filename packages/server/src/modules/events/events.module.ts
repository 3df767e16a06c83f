import { defineModule } from '../../kernel/module.js';
import { ExamEntry, SchoolEvent } from './events.entity.js';
import { EventsResolver } from './events.resolver.js';
import { EventsService } from './events.service.js';

export const eventsModule = defineModule({
  name: 'events',
  resolvers: [EventsResolver],
  instances: (clock) => [[EventsResolver, new EventsResolver(new EventsService(clock))]],
  entities: [SchoolEvent, ExamEntry],
});
