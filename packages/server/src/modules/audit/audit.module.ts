import { defineModule } from '../../kernel/module.js';
import { AuditEvent } from './audit.entity.js';
import { AuditEventResolver, AuditResolver } from './audit.resolver.js';

export const auditModule = defineModule({ name: 'audit', resolvers: [AuditResolver, AuditEventResolver], entities: [AuditEvent] });
