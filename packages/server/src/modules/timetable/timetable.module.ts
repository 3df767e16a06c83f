import { defineModule } from '../../kernel/module.js';
import { PlanTopic } from './plan-topic.entity.js';
import { TeacherDayResolver } from './teacher-day.resolver.js';
import { Lesson, TimetableSlot } from './timetable.entity.js';
import { timetableLoaders } from './timetable.loaders.js';
import { TimetableResolver, TimetableSlotResolver } from './timetable.resolver.js';
import { TimetableService } from './timetable.service.js';
import { timetableRules } from './timetable.policy.js';

export const timetableModule = defineModule({
  name: 'timetable',
  resolvers: [TimetableResolver, TimetableSlotResolver, TeacherDayResolver],
  rules: timetableRules,
  instances: (clock) => [[TimetableResolver, new TimetableResolver(new TimetableService(clock))]],
  entities: [TimetableSlot, Lesson, PlanTopic],
  loaders: timetableLoaders,
});
