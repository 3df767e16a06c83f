import { defineModule } from '../../kernel/module.js';
import { AuthResolver } from './auth.resolver.js';
import { LoginCode, OidcAttempt, OidcIdentity } from './oidc.entity.js';
import { OidcResolver } from './oidc.resolver.js';
import { Session } from './session.entity.js';

/** Its resolvers' services (passwords, sessions, the identity provider) are the app's: graphql/schema.ts makes them. */
export const authModule = defineModule({
  name: 'auth',
  resolvers: [AuthResolver, OidcResolver],
  entities: [Session, OidcIdentity, OidcAttempt, LoginCode],
});
