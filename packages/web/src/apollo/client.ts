import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { from, mergeMap, throwError } from 'rxjs';
import { clearToken, getToken, subscribeToken } from '../auth/session';
import { notifyReconnected } from '../live/reconnects';
import { documentHash, fetchWithEarly, GRAPHQL_PATH, takeArrived } from './early';
import { hasErrorCode } from './errors';
import { newestAnswerLink } from './newest-answer';

/** graphql-ws close codes for a connection refused for its token. */
const WS_AUTH_CLOSE_CODES = new Set([4401, 4403]);

function webSocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function closeCode(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event && typeof event.code === 'number' ? event.code : undefined;
}

/**
 * The socket's client (graphql-ws) and Apollo's link for it: a bundle of their own, loaded with the first
 * subscription, which a screen starts once it is on screen; the first page's bundles do without them.
 */
const loadSocketLink = () => Promise.all([import('graphql-ws/client'), import('@apollo/client/link/subscriptions')]);

/**
 * Subscriptions go over one WebSocket per session. The server authenticates a
 * socket once, when it opens, so the socket is tied to the token it opened
 * with and is replaced whenever the token changes; without a token none is
 * opened at all (the server would refuse it).
 */
function createSubscriptionLink(): ApolloLink {
  let current: { token: string; link: Promise<GraphQLWsLink> } | null = null;

  const dispose = (link: Promise<GraphQLWsLink>) => void link.then((l) => l.client.dispose()).catch(() => undefined);

  subscribeToken(() => {
    if (current && current.token !== getToken()) {
      dispose(current.link);
      current = null;
    }
  });

  function linkFor(token: string): Promise<GraphQLWsLink> {
    if (current?.token !== token) {
      if (current) dispose(current.link);
      const link = loadSocketLink().then(([{ createClient }, { GraphQLWsLink }]) => {
        let reconnect = false;
        const client = createClient({
          url: webSocketUrl(),
          connectionParams: { token },
          on: {
            connected: () => {
              if (reconnect) notifyReconnected();
              reconnect = true;
            },
            closed: (event) => {
              // The session behind this socket expired or was revoked.
              if (WS_AUTH_CLOSE_CODES.has(closeCode(event) ?? 0) && getToken() === token) {
                clearToken();
              }
            },
          },
        });
        return new GraphQLWsLink(client);
      });
      // Not loaded (offline before it was ever fetched): the next subscription tries again.
      void link.catch(() => {
        if (current?.link === link) current = null;
      });
      current = { token, link };
    }
    return current.link;
  }

  return new ApolloLink((operation) => {
    const token = getToken();
    if (!token) {
      return throwError(
        () =>
          new CombinedGraphQLErrors({
            errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
      );
    }
    return from(linkFor(token)).pipe(mergeMap((link) => link.request(operation)));
  });
}

/**
 * Trusted documents: a production build names each document by the SHA-256 codegen gave it (the
 * manifest the server runs); a development build sends the text.
 */
function trustedDocumentsLink(): ApolloLink {
  return new PersistedQueryLink({ generateHash: documentHash });
}

export function createApolloClient(): ApolloClient {
  const authLink = new SetContextLink((prevContext) => {
    const token = getToken();
    return token ? { sentToken: token, headers: { ...(prevContext.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } } : {};
  });

  // A stored token the server no longer accepts means the session ended
  // (expired, revoked, signed out elsewhere): forget it, which shows the login
  // page. Only the token this request carried is dropped, so a late answer to
  // an old session's request cannot sign out a newer one.
  const sessionLink = new ErrorLink(({ error, operation }) => {
    const sent: unknown = operation.getContext().sentToken;
    if (sent && sent === getToken() && hasErrorCode(error, 'UNAUTHENTICATED')) {
      clearToken();
    }
  });

  const transport = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    createSubscriptionLink(),
    // Answers main.tsx asked for before this bundle arrived are taken, not asked again.
    new HttpLink({ uri: GRAPHQL_PATH, fetch: fetchWithEarly }),
  );

  const client = new ApolloClient({
    // A component sees only the fields its own query or fragment asks for (apollo/masking.d.ts).
    dataMasking: true,
    link: ApolloLink.from([sessionLink, newestAnswerLink(getToken), authLink, ...(import.meta.env.PROD ? [trustedDocumentsLink()] : []), transport]),
    cache: new InMemoryCache({
      // A school's statistics are one period's figures and share the school's id across periods:
      // kept inside their query's answer, so one period's figures never overwrite another's.
      typePolicies: {
        SchoolStatistics: { keyFields: false },
        // A viewer's abilities are one object that several screens ask parts of: merged, not replaced, so
        // a component reading its own part of them (the nav) keeps it when a screen's answer brings others.
        ViewerAbilities: { merge: true },
      },
    }),
  });

  // Whatever ends the session, the next user must not see this one's data.
  // Deferred so React first unmounts the views watching the cache.
  subscribeToken(() => {
    if (getToken() === null) {
      setTimeout(() => void client.clearStore());
    }
  });

  return client;
}

/**
 * Puts the answers main.tsx asked for that came before this bundle into the cache, before anything asks: the
 * shell and the first screen then render with their data in their first render, rather than a loading state,
 * the answer's trip through the links and a second render. One answer per task: writing one is the heaviest
 * work of the first page's cache (a teacher's groups and periods), and each is a short task, not one long one.
 */
export async function seedEarlyAnswers(client: ApolloClient): Promise<void> {
  const token = getToken();
  for (const { document, variables, data } of takeArrived()) {
    await new Promise((resolve) => setTimeout(resolve));
    // Signed out meanwhile (another tab): nothing of this session's goes into the cache.
    if (getToken() !== token) return;
    client.cache.writeQuery({ query: document, variables, data });
  }
}
