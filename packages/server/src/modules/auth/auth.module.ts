import { defineModule } from '../../kernel/module.js';
import { AuthResolver } from './auth.resolver.js';
import { LoginCode, OidcAttempt, OidcIdentity } from './oidc.entity.js';
import { OidcResolver } from './oidc.resolver.js';
import { Session } from './session.entity.js';
import { authRules } from './auth.policy.js';

/** Its resolvers' services (passwords, sessions, the identity provider) are the app's: graphql/schema.ts makes them. */
export const authModule = defineModule({
  name: 'auth',
  resolvers: [AuthResolver, OidcResolver],
  rules: authRules,
  entities: [Session, OidcIdentity, OidcAttempt, LoginCode],
});
