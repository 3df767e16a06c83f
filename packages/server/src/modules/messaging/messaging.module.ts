import { defineModule } from '../../kernel/module.js';
import { Attachment, Conversation, ConversationParticipant, Message, MessageRead, WallPost } from './messaging.entity.js';
import { messagingLoaders } from './messaging.loaders.js';
import { MessageResolver, MessagingResolver } from './messaging.resolver.js';
import { MessagingService } from './messaging.service.js';
import { messagingRules } from './messaging.policy.js';

export const messagingModule = defineModule({
  name: 'messaging',
  resolvers: [MessagingResolver, MessageResolver],
  rules: messagingRules,
  instances: (clock) => [[MessagingResolver, new MessagingResolver(new MessagingService(clock))]],
  entities: [Conversation, ConversationParticipant, Message, MessageRead, Attachment, WallPost],
  loaders: messagingLoaders,
});
