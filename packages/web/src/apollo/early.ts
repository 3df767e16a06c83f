import type { DocumentNode, TypedDocumentNode, Unmasked } from '@apollo/client';
import { getToken } from '../auth/session';

/**
 * GraphQL requests without Apollo Client: the login page signs in with one (the first bundle carries
 * no Apollo), and a signed-in page sends the queries its first screen needs while Apollo's bundle is
 * still on its way. Apollo's HTTP link then takes those answers (`fetchWithEarly`) instead of asking
 * again, so the screens' own `useQuery` calls find them, answered or in flight.
 */
export const GRAPHQL_PATH = '/graphql';

/** An early answer not taken within this time is dropped: it is for the page's first screen only. */
const EARLY_MS = 60_000;

/** The hash codegen gave a document: the production client names documents by it (trusted documents). */
export function documentHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('A document without a codegen hash: run `pnpm codegen`.');
  return hash.replace(/^sha256:/, '');
}

function operationName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if ('operation' in definition && definition.name) return definition.name.value;
  }
  throw new Error('A document without a named operation');
}

/** A document sent by its hash, as Apollo's persisted-query link sends it. */
export function postDocument<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token: string | null,
): Promise<Response> {
  return fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json,application/json;q=0.9',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      operationName: operationName(document),
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(document) } },
    }),
  });
}

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  text: string;
}

const early = new Map<string, { at: number; answer: Promise<Answer> }>();

/** The same operation asked with the same variables by the same session: one key, whatever the order of the variables. */
function keyOf(token: string, name: string, variables: Record<string, unknown>): string {
  const sorted = Object.keys(variables)
    .sort()
    .map((k) => [k, variables[k]]);
  return `${token} ${name} ${JSON.stringify(sorted)}`;
}

/**
 * Sends a query of the signed-in session now; resolves to its data as the server sent it, fragments'
 * fields included (null when it failed), for a query whose variables come from another's answer.
 * Apollo takes the answer itself.
 */
export function sendEarly<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<Unmasked<TData> | null> {
  const token = getToken();
  if (!token) return Promise.resolve(null);
  const answer = postDocument(document, variables, token).then(async (response) => ({
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers.entries()],
    text: await response.text(),
  }));
  early.set(keyOf(token, operationName(document), variables), { at: performance.now(), answer });
  return answer.then(
    (a) => {
      try {
        const body = JSON.parse(a.text) as { data?: Unmasked<TData> | null; errors?: unknown[] };
        return a.status === 200 && !body.errors?.length ? (body.data ?? null) : null;
      } catch {
        return null; // not a GraphQL answer (a proxy's error page): Apollo reports it when it takes it
      }
    },
    () => null,
  );
}

/**
 * `fetch` for Apollo's HTTP link: a request that was sent early (same session, operation and
 * variables, within a minute) is answered with that answer, once; any other goes to the network.
 */
export function fetchWithEarly(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const token = getToken();
  if (token && early.size > 0 && typeof init?.body === 'string') {
    const { operationName: name, variables } = JSON.parse(init.body) as { operationName?: string; variables?: Record<string, unknown> };
    const key = name ? keyOf(token, name, variables ?? {}) : '';
    const sent = early.get(key);
    early.delete(key);
    if (sent && performance.now() - sent.at < EARLY_MS) {
      return sent.answer.then((a) => new Response(a.text, { status: a.status, statusText: a.statusText, headers: a.headers }));
    }
  }
  return fetch(input, init);
}
