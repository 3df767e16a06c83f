import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { failQueued, isNetworkFailure, ownQueue, removeQueued, setQueueOwner, useMarkQueue } from './markQueue';

const ReplayMarkMutation = graphql(`
  mutation ReplayMark($input: PutMarkInput!) {
    putMark(input: $input) {
      id
    }
  }
`);

const ReplayAttendanceMutation = graphql(`
  mutation ReplayAttendance($input: SetAttendanceInput!) {
    setAttendance(input: $input) {
      id
    }
  }
`);

const RETRY_MS = 5000;

interface Props {
  viewerId: string;
}

/**
 * Sends the marks and absences typed offline once the connection is back (and on start, for a queue left from
 * an earlier visit). A refusal (CONFLICT: the cell was filled meanwhile; BAD_USER_INPUT) stays in
 * the list with the server's reason until the teacher dismisses it: nothing is dropped silently.
 */
export function OfflineQueue({ viewerId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // The wording function is new on every render; flush must not be (it drives the retry effect).
  const wording = useRef(errorText);
  useEffect(() => {
    wording.current = errorText;
  });
  const client = useApolloClient();
  const queue = useMarkQueue();
  const sending = useRef(false);

  useEffect(() => {
    setQueueOwner(viewerId);
    return () => setQueueOwner(null);
  }, [viewerId]);

  const flush = useCallback(async () => {
    if (sending.current || !navigator.onLine) return;
    sending.current = true;
    let sent = 0;
    try {
      for (const item of ownQueue().filter((i) => !i.failure)) {
        try {
          if (item.kind === 'attendance') await client.mutate({ mutation: ReplayAttendanceMutation, variables: { input: item.input } });
          else await client.mutate({ mutation: ReplayMarkMutation, variables: { input: item.input } });
          removeQueued(item.id);
          sent++;
        } catch (error) {
          if (isNetworkFailure(error)) break; // still offline: try again on the next "online"
          failQueued(item.id, wording.current(error));
        }
      }
    } finally {
      sending.current = false;
    }
    if (sent > 0) await client.refetchQueries({ include: 'active' });
  }, [client]);

  // On "online", and every few seconds while something waits: the first request after the network
  // returns can still fail, and "online" only says a network is there, not that the server answers.
  const waitingCount = queue.filter((i) => !i.failure).length;
  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const retry = waitingCount > 0 ? setInterval(onOnline, RETRY_MS) : undefined;
    return () => {
      window.removeEventListener('online', onOnline);
      clearInterval(retry);
    };
  }, [flush, waitingCount]);

  if (queue.length === 0) return null;
  const waiting = queue.filter((i) => !i.failure);
  const failed = queue.filter((i) => i.failure);
  return (
    <section className="offline-queue card" aria-live="polite" data-testid="offline-queue">
      {waiting.length > 0 ? (
        <>
          <p className="offline-queue__title">{t('pwa.queued', { count: waiting.length })}</p>
          <ul className="offline-queue__list">
            {waiting.map((item) => (
              <li key={item.id} data-testid="offline-queue-item">
                {t('pwa.queuedMark', item.label)}
              </li>
            ))}
          </ul>
          <button type="button" className="button button--small" onClick={() => void flush()}>
            {t('pwa.sendNow')}
          </button>
        </>
      ) : null}
      {failed.length > 0 ? (
        <>
          <p className="offline-queue__title offline-queue__title--error">{t('pwa.refused', { count: failed.length })}</p>
          <ul className="offline-queue__list">
            {failed.map((item) => (
              <li key={item.id} data-testid="offline-queue-failed">
                {t('pwa.queuedMark', item.label)} — {item.failure}{' '}
                <button type="button" className="button button--ghost button--small" onClick={() => removeQueued(item.id)}>
                  {t('pwa.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
