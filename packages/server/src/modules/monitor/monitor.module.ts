import { defineModule } from '../../kernel/module.js';
import { MonitorResolver } from './monitor.resolver.js';
import { monitorRules } from './monitor.policy.js';

export const monitorModule = defineModule({ name: 'monitor', resolvers: [MonitorResolver], rules: monitorRules, entities: [] });
