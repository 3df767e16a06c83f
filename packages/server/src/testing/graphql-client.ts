import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { REQUEST_TIME_HEADER } from './request-time.js';

export class GraphQLRequestError extends Error {
  constructor(readonly result: FormattedExecutionResult) {
    super(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
}

/** Talks to the server the way any client does: GraphQL over HTTP, and graphql-ws. */
export class GraphQLClient {
  token: string | null = null;

  constructor(
    readonly url: string,
    /** The moment this client's requests are made at, on a test server (testing/request-time.ts); null: the server's "now". */
    private readonly moment: Date | null = null,
  ) {}

  /** This client (its session), its requests made at `moment`: what a teacher entered on an earlier day, say. */
  at(moment: Date): GraphQLClient {
    const client = new GraphQLClient(this.url, moment);
    client.token = this.token;
    return client;
  }

  async execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<FormattedExecutionResult<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.moment ? { [REQUEST_TIME_HEADER]: this.moment.toISOString() } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as FormattedExecutionResult<T>;
  }

  /** The data of a request that must succeed. */
  async data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.execute<T>(query, variables);
    if (result.errors?.length || !result.data) throw new GraphQLRequestError(result as FormattedExecutionResult);
    return result.data;
  }

  async login(login: string, password: string) {
    const { login: payload } = await this.data<{ login: { token: string } }>(
      `mutation($login: String!, $password: String!) { login(login: $login, password: $password) { token } }`,
      { login, password },
    );
    this.token = payload.token;
    return payload.token;
  }

  /** A graphql-ws client carrying this client's token; `lazy: false` connects at once. */
  ws(opts: { token?: string | null; onClose?: (code: number, reason: string) => void } = {}): Client {
    const token = opts.token === undefined ? this.token : opts.token;
    return createClient({
      url: `${this.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: token ? { token } : {},
      on: { closed: (e) => opts.onClose?.((e as CloseEvent).code, (e as CloseEvent).reason) },
      onNonLazyError: () => {},
    });
  }
}

/** The first error of a result as tests compare it: its code, message and (when there is one) reason. */
export function errorOf(result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) {
  const error = result.errors?.[0];
  const reason = error?.extensions?.reason;
  return { code: error?.extensions?.code, message: error?.message, ...(reason === undefined ? {} : { reason }) };
}

/** 06:00 UTC (09:00 in Moscow) of `date`: when a test's teacher entered what is dated that day (entries are due the same day, issue 18). */
export const morningOf = (date: string): Date => new Date(`${date}T06:00:00Z`);
