/** What every scenario gets from the runner. */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Row } from './report.js';
import type { Child } from './servers/ipc.js';

export interface Bench {
  /** The run's fresh copy of the data set. */
  dbUrl: string;
  quick: boolean;
  log: Logger;
  /** The app, shared by the HTTP scenarios. */
  app: Child;
  /** The load generator's process (load.ts). */
  loader: Child;
  /** PostgreSQL's postmaster when local: CPU per request counts PostgreSQL too. */
  postmaster?: number;
  /** Whether PostgreSQL stamps commits with their time (P1, P6 measure from the commit). */
  commitTimestamps: boolean;
  /** P5's result: P1 puts marks at a rate the app sustains (else its latency is only queueing). */
  marksPerSecond?: number;
  /** Seconds of measurement per load run, and of warm-up before it. */
  seconds: number;
  warmup: number;
}

export interface ScenarioResult {
  rows: Row[];
  /** Everything else worth keeping in latest.json. */
  details: Record<string, unknown>;
}

/** Whose CPU a load against `server` counts: that process and PostgreSQL. */
export const cpuOf = (bench: Bench, server?: Child) => ({ server: server?.pid, postmaster: bench.postmaster });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The app's statement counter, around `action`. */
export async function countStatements(app: Child, action: () => Promise<unknown>): Promise<number> {
  app.send({ type: 'count', on: true });
  await action();
  const { count } = await app.request({ type: 'statements' }, 'statements');
  app.send({ type: 'count', on: false });
  return count as number;
}

/** A document of the web app as its production build sends it: by the hash codegen gave it (the server's trusted documents). */
export interface WebDocument {
  operationName: string;
  sha256Hash: string;
  text: string;
}

/** The web app's persisted query `operationName` (packages/web/src/gql/persisted-documents.json). */
export function webDocument(operationName: string): WebDocument {
  const manifest = JSON.parse(readFileSync(new URL('../../packages/web/src/gql/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
  const found = Object.entries(manifest).find(([, text]) => new RegExp(`(^|\\s|})query ${operationName}\\b`).test(text));
  if (!found) throw new Error(`the web app has no persisted query ${operationName}: run \`pnpm codegen\``);
  return { operationName, sha256Hash: found[0].replace(/^sha256:/, ''), text: found[1] };
}

/** A request's body: the text of a query, or a web document by its hash alone (Apollo's persisted query, as the web app sends it). */
export function requestBody(query: string | WebDocument, variables: Record<string, unknown>): string {
  if (typeof query === 'string') return JSON.stringify({ query, variables });
  return JSON.stringify({ operationName: query.operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: query.sha256Hash } } });
}

/** POST a GraphQL request and return its data, or throw with the errors. */
export async function graphql<T = any>(
  url: string,
  query: string | WebDocument,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: requestBody(query, variables),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL errors from ${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}
