import { modules } from '../modules/index.js';
import { DomainEvent } from '../realtime/domain-event.entity.js';
import { ServerSetting } from './server-setting.entity.js';

/**
 * Every entity, listed explicitly (discovery by folder scanning differs between tsx, vitest and builds): each
 * module's own (its `*.module.ts`), the outbox's and the server's settings.
 */
export const entities = [...modules.flatMap((m) => m.entities), DomainEvent, ServerSetting];
