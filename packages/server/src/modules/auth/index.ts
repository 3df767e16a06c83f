/**
 * The auth module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { authModule } from './auth.module.js';
export { AuthResolver } from './auth.resolver.js';
export { AuthService, rightsInForce, sessionsInForce, viewersOfUsers } from './auth.service.js';
export { LoginThrottle, deviceTokenKey } from './login-throttle.js';
export { OidcResolver } from './oidc.resolver.js';
export { OidcService } from './oidc.service.js';
export { Session } from './session.entity.js';
