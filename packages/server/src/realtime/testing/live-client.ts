/**
 * A subscriber for tests: a real graphql-ws client that records what arrives, when, and how the
 * subscription ended; `nothingFor(ms)` is the idiom for "must not arrive".
 */
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  data: T;
  at: number;
}

export class LiveSubscription<T = Record<string, any>> {
  readonly events: Received<T>[] = [];
  errors: readonly GraphQLFormattedError[] | null = null;
  /** Payloads of `next` messages that carried errors (an access withdrawn mid-stream). */
  readonly failures: FormattedExecutionResult[] = [];
  completed = false;
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];
  private readonly dispose: () => void;

  constructor(
    readonly client: Client,
    query: string,
    variables: Record<string, unknown>,
  ) {
    this.dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) this.failures.push(result as FormattedExecutionResult);
          else this.events.push({ data: result.data as T, at: performance.now() });
          this.notify();
        },
        error: (err) => {
          if (Array.isArray(err)) this.errors = err as GraphQLFormattedError[];
          else if (err && typeof (err as CloseEvent).code === 'number') this.closeCode = (err as CloseEvent).code;
          else this.errors = [{ message: String(err) }];
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  private notify() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once `check` holds; rejects after `timeoutMs` with what arrived so far. */
  async until(check: (s: this) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}: ${this.events.length} events, errors ${JSON.stringify(this.errors)}, failures ${JSON.stringify(this.failures)}, close ${this.closeCode}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  count(n: number, timeoutMs?: number) {
    return this.until((s) => s.events.length >= n, timeoutMs, `${n} events`);
  }

  ended(timeoutMs?: number) {
    return this.until((s) => s.completed || s.refused !== null || s.closeCode !== null, timeoutMs, 'the end of the subscription');
  }

  /** Waits `ms` and reports how many events arrived meanwhile (expect 0 for "must not arrive"). */
  async nothingFor(ms = 500): Promise<number> {
    const before = this.events.length + this.failures.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.events.length + this.failures.length - before;
  }

  /** The errors that refused or ended the subscription: an `error` message, or a `next` carrying errors. */
  get refused(): readonly GraphQLFormattedError[] | null {
    return this.errors ?? this.failures[0]?.errors ?? null;
  }

  stop() {
    this.dispose();
  }
}

/** A graphql-ws client for `url` (http://…) signed in with `token`; closes reported through `onClose`. */
export function wsClient(url: string, token: string | null, opts: { onClose?: (code: number) => void } = {}): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { token } : {},
    on: { closed: (e) => opts.onClose?.((e as CloseEvent).code) },
    onNonLazyError: () => {},
  });
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
