import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Clock } from '../kernel/clock.js';

/**
 * The moment of one request, on a test server only. A test that enters something "on Monday" while a browser
 * works against the same server cannot move the server's pinned clock for that write: the page's requests
 * running meanwhile (a screen loading, a refetch after a live event) would read Monday too, and keep what
 * they saw (a consent not yet given that day, say). So the write says its moment itself: a client made with
 * `GraphQLClient.at(moment)` sends it in this header, the test server runs that request in `requestTime`, and
 * the server's clock reads it for that request alone; every other request keeps the test's "now".
 */
export const REQUEST_TIME_HEADER = 'x-test-now';

const requestTime = new AsyncLocalStorage<Date>();

/** `clock`, except inside a request that came with its own moment. */
export const atRequestTime =
  (clock: Clock): Clock =>
  () =>
    requestTime.getStore() ?? clock();

/** Runs each of `server`'s requests that carries REQUEST_TIME_HEADER at that moment. */
export function honourRequestTime(server: Server): void {
  type Listener = (req: IncomingMessage, res: ServerResponse) => void;
  for (const listener of server.listeners('request') as Listener[]) {
    server.removeListener('request', listener);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const header = req.headers[REQUEST_TIME_HEADER];
      const moment = typeof header === 'string' ? new Date(header) : null;
      if (moment && !Number.isNaN(moment.getTime())) requestTime.run(moment, () => listener(req, res));
      else listener(req, res);
    });
  }
}
