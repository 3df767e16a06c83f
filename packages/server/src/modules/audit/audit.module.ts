import { defineModule } from '../../kernel/module.js';
import { AuditEvent } from './audit.entity.js';
import { AuditEventResolver, AuditResolver } from './audit.resolver.js';
import { auditRules } from './audit.policy.js';

export const auditModule = defineModule({ name: 'audit', resolvers: [AuditResolver, AuditEventResolver], rules: auditRules, entities: [AuditEvent] });
