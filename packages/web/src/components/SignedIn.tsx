import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../apollo/client';
import { Shell } from './Shell';

// One client for the page's life, made when the signed-in app's bundle first loads (signing out
// empties its cache, apollo/client.ts).
const client = createApolloClient();

/** The signed-in app: Apollo Client and the shell, a bundle of their own (App.tsx). */
export function SignedIn() {
  return (
    <ApolloProvider client={client}>
      <Shell />
    </ApolloProvider>
  );
}
