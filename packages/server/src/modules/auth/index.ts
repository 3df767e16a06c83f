/**
 * The auth module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { authModule } from './auth.module.js';
export { rightsInForce, viewersOfUsers } from './auth.service.js';
export { Session } from './session.entity.js';
