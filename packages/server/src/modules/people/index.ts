/**
 * The people module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { Consent } from './consent.entity.js';
export { recordDiaryVisit } from './consent.service.js';
export { LEAVING_MOVEMENTS, StudentMovement } from './movement.entity.js';
export { followParentsAudience } from './parents-audience.js';
export { hashPassword, verifyPassword } from './password.js';
export { peopleModule } from './people.module.js';
export { newInitialPassword, reasonOf } from './people.service.js';
export { normalizeLogin } from './people.types.js';
export { Guardianship } from './student.entity.js';
