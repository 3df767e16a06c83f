import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { describeError, errorExtension } from '../apollo/errors';
import { forgetCursor, isAfter, readCursor, writeCursor, type CursorScope } from './cursor';
import { onReconnected } from './reconnects';

/** After the socket client gives up reconnecting (a long outage), try again this often. */
const RESUBSCRIBE_MS = 5000;

interface Options<TData, TVars extends OperationVariables, TEvent extends { id: string }> {
  /** Names the stream for its stored cursor, e.g. `diary.<studentId>`; null subscribes to nothing. */
  stream: string | null;
  document: TypedDocumentNode<TData, TVars>;
  /** The variables besides `after`. */
  variables: Omit<TVars, 'after'>;
  pick: (data: TData) => TEvent | null | undefined;
  onEvent: (event: TEvent) => void;
  /** The stored cursor is older than the server keeps: reload the screen's data; the stream restarts from now. */
  onExpired: () => void;
  /** Where the cursor is kept: this tab (default) or this device, across visits (the family's home). */
  remember?: CursorScope;
}

/**
 * A live stream (`diaryEvents`, `classEvents`) that resumes where it stopped: each event's id is
 * kept per tab, every (re)subscription passes the last one as `after`, so the server replays what
 * was missed during a network loss or a restart; ids at or before the cursor are dropped, so an
 * event is handled once even when the socket client resubscribes with its first variables.
 */
export function useLiveStream<TData, TVars extends OperationVariables, TEvent extends { id: string }>(options: Options<TData, TVars, TEvent>): void {
  const client = useApolloClient();
  const latest = useRef(options);
  latest.current = options;
  const { stream, remember = 'tab' } = options;
  const variablesKey = JSON.stringify(options.variables);

  useEffect(() => {
    if (!stream) return;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe(): void } | undefined;

    const restart = (delay: number) => {
      subscription?.unsubscribe();
      subscription = undefined;
      clearTimeout(retry);
      if (!stopped) retry = setTimeout(start, delay);
    };

    // Over a live socket: the new subscription first, so the socket never goes idle (a lazy
    // client would close it, and its reopening would count as a reconnection).
    const resubscribe = () => {
      if (stopped) return;
      clearTimeout(retry);
      const old = subscription;
      start();
      old?.unsubscribe();
    };

    const fail = (error: unknown) => {
      const { code } = describeError(error);
      // An expired cursor, or one the server does not take (a stale or damaged tab value): start afresh.
      if (code === 'BAD_USER_INPUT' && (errorExtension(error, 'reason') === 'CURSOR_EXPIRED' || errorExtension(error, 'field') === 'after')) {
        forgetCursor(stream, remember);
        latest.current.onExpired();
        restart(0);
      } else if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT') {
        // Access ended or never was: the screen's own query shows why; nothing to resume.
        stopped = true;
        subscription?.unsubscribe();
      } else {
        restart(RESUBSCRIBE_MS);
      }
    };

    function start() {
      const { document, variables } = latest.current;
      const after = readCursor(stream!, remember);
      subscription = client.subscribe({ query: document, variables: { ...variables, after } as unknown as TVars }).subscribe({
        next: (result) => {
          if (result.error) return fail(result.error);
          const event = result.data ? latest.current.pick(result.data) : null;
          if (!event || !isAfter(event.id, readCursor(stream!, remember))) return;
          writeCursor(stream!, event.id, remember);
          latest.current.onEvent(event);
        },
        error: fail,
        // The server ends a stream when access ends (after an error) or on shutdown: resume if allowed.
        complete: () => restart(RESUBSCRIBE_MS),
      });
    }

    window.addEventListener('online', resubscribe);
    const stopFollowingSocket = onReconnected(resubscribe);
    start();
    return () => {
      stopped = true;
      stopFollowingSocket();
      window.removeEventListener('online', resubscribe);
      clearTimeout(retry);
      subscription?.unsubscribe();
    };
    // The variables are compared by value (variablesKey); callbacks are read from the ref.
  }, [client, stream, remember, variablesKey]);
}
