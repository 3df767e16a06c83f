/**
 * The reports module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { verifyDetached } from './cms.js';
export { exportsRouter } from './exports.router.js';
export { reportsModule } from './reports.module.js';
export { schoolCertificatePem, schoolSigner, trustedSchoolCertificates } from './school-pki.js';
export { decodePublicKey, encodePublicKey, fingerprint, signingKey, trustedPublicKeys } from './signing.js';
export { type WrittenEntry, digest, readZip, writeZip } from './zip.js';
