import { defineModule } from '../../kernel/module.js';
import { MonitorResolver } from './monitor.resolver.js';

export const monitorModule = defineModule({ name: 'monitor', resolvers: [MonitorResolver], entities: [] });
