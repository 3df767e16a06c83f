import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient, seedEarlyAnswers } from '../apollo/client';
import { Shell } from './Shell';

// One client for the page's life, made when the signed-in app's bundle first loads (signing out
// empties its cache, apollo/client.ts).
const client = createApolloClient();
/** Settled once the early answers that had come are in the cache (App.tsx shows the shell then). */
export const ready: Promise<void> = seedEarlyAnswers(client).catch(() => undefined);

/** The signed-in app: Apollo Client and the shell, a bundle of their own (App.tsx). */
export function SignedIn() {
  return (
    <ApolloProvider client={client}>
      <Shell />
    </ApolloProvider>
  );
}
