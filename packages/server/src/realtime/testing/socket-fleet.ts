/**
 * Many WebSocket clients in a child process (so that their memory and CPU are not the server's), for
 * tests that measure the server per connection and per delivered message:
 *
 *   fork('src/realtime/testing/socket-fleet.ts', { execArgv: ['--import', 'tsx'] })
 *
 * The parent sends `{ open: { url, kind, sockets: [{ token, variables }], query } }`: `graphql-ws` sockets
 * speak the graphql-transport-ws protocol by hand (connection_init with the token, one subscribe),
 * `raw` sockets send one JSON line. The child answers `{ opened }` once every socket is acknowledged (or
 * subscribed), `{ received }` to `{ count: true }`, and closes everything on `{ close: true }`.
 */
import WebSocket from 'ws';

type Open = { url: string; kind: 'graphql-ws' | 'raw'; query?: string; sockets: { token: string; variables: Record<string, unknown> }[] };
type Request = { open: Open } | { count: true } | { close: true };

let sockets: WebSocket[] = [];
let received = 0;

async function open(req: Open) {
  const opened = await Promise.all(
    req.sockets.map(
      (s) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(req.url, req.kind === 'graphql-ws' ? 'graphql-transport-ws' : undefined);
          ws.on('error', reject);
          ws.on('open', () => {
            if (req.kind === 'raw') {
              ws.send(JSON.stringify(s.variables));
              ws.on('message', () => received++);
              resolve(ws);
              return;
            }
            ws.send(JSON.stringify({ type: 'connection_init', payload: { token: s.token } }));
            ws.on('message', (data) => {
              const message = JSON.parse(String(data)) as { type: string };
              if (message.type === 'connection_ack') {
                ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: req.query, variables: s.variables } }));
                resolve(ws);
              } else if (message.type === 'next') received++;
            });
          });
        }),
    ),
  );
  sockets.push(...opened);
}

process.on('message', (req: Request) => {
  if ('open' in req) {
    open(req.open).then(
      () => process.send!({ opened: sockets.length }),
      (err: unknown) => process.send!({ error: String(err) }),
    );
  } else if ('count' in req) {
    process.send!({ received });
  } else {
    for (const ws of sockets) ws.terminate();
    sockets = [];
    received = 0;
    process.send!({ closed: true });
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
