import type { DocumentNode, TypedDocumentNode, Unmasked } from '@apollo/client';
import { getToken } from '../auth/session';
import { sessionQuestionKey } from './question';

/**
 * GraphQL requests without Apollo Client: the login page signs in with one (the first bundle carries
 * no Apollo), and a signed-in page sends the queries its first screen needs while Apollo's bundle is
 * still on its way. Apollo's HTTP link then takes those answers (`fetchWithEarly`) instead of asking
 * again, so the screens' own `useQuery` calls find them, answered or in flight.
 */
export const GRAPHQL_PATH = '/graphql';

/** Early answers are for the page's first screen: one not taken within the page's first minute is dropped. */
const EARLY_MS = 60_000;
const pageStarted = performance.now();

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

/** The answers sent early and not taken yet, by `sessionQuestionKey`. */
const early = new Map<string, Promise<Answer>>();
/**
 * The fetch policy of the `useQuery` that reads an early answer. A cache-first query's answer that has come
 * is put into Apollo's cache when its bundle loads and taken there (the query never asks); a
 * cache-and-network query's is put into the cache too, and its first request (with the first render) takes it.
 */
export type EarlyPolicy = 'cache-first' | 'cache-and-network';

/** A query's answer that came with data: what Apollo's cache is given (`takeArrived`). */
export interface ArrivedAnswer {
  document: DocumentNode;
  variables: Record<string, unknown>;
  data: unknown;
  policy: EarlyPolicy;
}
/** Those of `early` that have come with data (no error) and are not in Apollo's cache yet, by `sessionQuestionKey`. */
const arrived = new Map<string, { token: string; answer: ArrivedAnswer }>();
/**
 * What Apollo has asked within that minute, by `sessionQuestionKey`: an answer is taken by the first request of its
 * operation and variables only, so a later one (a refetch, the screen opened again) goes to the network,
 * and nothing is sent early for what Apollo has already asked for itself.
 */
const asked = new Set<string>();

/** Whether early answers are still taken (the page's first minute); after it, they and the record of what was asked go. */
function earlyOpen(): boolean {
  if (performance.now() - pageStarted < EARLY_MS) return true;
  early.clear();
  arrived.clear();
  asked.clear();
  return false;
}

/**
 * Sends a query of the signed-in session now; resolves to its data as the server sent it, fragments'
 * fields included (null when it failed), for a query whose variables come from another's answer.
 * Apollo takes the answer itself, as `policy` (how the query reading it is fetched) says.
 */
export function sendEarly<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  policy: EarlyPolicy = 'cache-first',
): Promise<Unmasked<TData> | null> {
  const token = getToken();
  const key = token ? sessionQuestionKey(token, operationName(document), variables) : '';
  if (!token || !earlyOpen() || asked.has(key)) return Promise.resolve(null);
  const answer = postDocument(document, variables, token).then(async (response) => ({
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers.entries()],
    text: await response.text(),
  }));
  early.set(key, answer);
  return answer.then(
    (a) => {
      try {
        const body = JSON.parse(a.text) as { data?: Unmasked<TData> | null; errors?: unknown[] };
        const data = a.status === 200 && !body.errors?.length ? (body.data ?? null) : null;
        if (data && early.get(key) === answer) arrived.set(key, { token, answer: { document, variables, data, policy } });
        return data;
      } catch {
        return null; // not a GraphQL answer (a proxy's error page): Apollo reports it when it takes it
      }
    },
    () => null,
  );
}

/**
 * `fetch` for Apollo's HTTP link: the first request of an operation and variables sent early (same
 * session, within the page's first minute) is answered with that answer; any other goes to the network.
 */
export function fetchWithEarly(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const token = getToken();
  if (token && typeof init?.body === 'string' && earlyOpen()) {
    const { operationName: name, variables } = JSON.parse(init.body) as { operationName?: string; variables?: Record<string, unknown> };
    if (name) {
      const key = sessionQuestionKey(token, name, variables ?? {});
      asked.add(key);
      const answer = early.get(key);
      early.delete(key);
      arrived.delete(key);
      if (answer) return answer.then((a) => new Response(a.text, { status: a.status, statusText: a.statusText, headers: a.headers }));
    }
  }
  return fetch(input, init);
}

/**
 * The early answers of this session that have come with data and that Apollo has not asked for, for its
 * cache (apollo/client.ts): a screen asking one of these questions then renders with its data at once.
 * A cache-first query's is taken as if Apollo had asked (a later request, a refetch, goes to the server);
 * a cache-and-network query's first request still takes its answer (see `EarlyPolicy`).
 */
export function takeArrived(): ArrivedAnswer[] {
  const token = getToken();
  if (!token || !earlyOpen()) return [];
  const taken: ArrivedAnswer[] = [];
  for (const [key, { token: asker, answer }] of arrived) {
    if (asker !== token) continue;
    taken.push(answer);
    arrived.delete(key);
    if (answer.policy === 'cache-first') {
      early.delete(key);
      asked.add(key);
    }
  }
  return taken;
}
