import { defineModule } from '../../kernel/module.js';
import { ReportsResolver } from './reports.resolver.js';
import { reportsRules } from './reports.policy.js';

export const reportsModule = defineModule({ name: 'reports', resolvers: [ReportsResolver], rules: reportsRules, entities: [] });
