import { defineModule } from '../../kernel/module.js';
import { ReportsResolver } from './reports.resolver.js';

export const reportsModule = defineModule({ name: 'reports', resolvers: [ReportsResolver], entities: [] });
