/**
 * The messaging module's public surface: its definition and what other modules import of it (docs/ARCHITECTURE.md,
 * "Layers"). Other modules import this file only; the list follows their imports.
 */
export { attachmentRoutes } from './attachments.http.js';
export { Attachment, Conversation, ConversationParticipant, Message, WallPost } from './messaging.entity.js';
export { messagingModule } from './messaging.module.js';
export { MAX_ATTACHMENTS } from './messaging.types.js';
export { flagOverdueLetters, purgeUnsentUploads } from './upkeep.js';
