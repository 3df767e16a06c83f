/**
 * Child process: a fleet of WebSocket clients, so that thousands of sockets are neither the
 * runner's nor the server's (one process holds at most ~20k; one source address ~28k ports).
 * Each process connects from its own loopback address (127.0.0.2, 127.0.0.3, …). Each graphql-ws client
 * signs in with its own session token and holds one subscription; each raw client sends one JSON
 * line naming the key whose messages it wants. Receipt times (wall clock, see ipc.ts) of live events
 * are kept by the mark's id and handed over.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { now, onParentMessage, reply, serveUntilParentLeaves, type Message } from './ipc.js';

export interface Connection {
  token: string;
  /** graphql-ws: the subscription's variables. */
  variables: Record<string, unknown>;
  /** Raw `ws`: the routing key the floor's server sends by (a student, a class). */
  key: string;
}

export interface OpenSpec {
  kind: 'graphql-ws' | 'raw';
  url: string;
  connections: Connection[];
  /** graphql-ws: the subscription each client holds. */
  subscription?: string;
  /** The source address of this process's sockets. */
  address: string;
}

/** A live event as both servers send it: `{ data: { <field>: { mark: { id } … } } }`. */
type Event = { data?: Record<string, { mark?: { id: string } | null } | null>; errors?: unknown };

const IN_FLIGHT = 100;

const open: { close(): void }[] = [];
/** Mark id → receipt times (a mark reaches every watcher of its student or class). */
const receipts: [string, number][] = [];
/** One event as received, so the floor can send payloads of the same shape. */
let sample: unknown;
let failures = 0;

function receive(event: Event) {
  const at = now();
  const field = event.data && Object.values(event.data)[0];
  const id = field?.mark?.id;
  if (id) receipts.push([id, at]);
  else if (event.errors) failures++;
  sample ??= event;
}

function openGraphqlWs(spec: OpenSpec, c: Connection): Promise<void> {
  const address = spec.address;
  const Impl = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { localAddress: address });
    }
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (!ok) failures++;
      resolve();
    };
    const client: Client = createClient({
      url: spec.url,
      webSocketImpl: Impl,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { token: c.token },
      // Idle means idle: no graphql-ws pings from the client side.
      keepAlive: 0,
      on: {
        connected: () => {
          if (spec.subscription) {
            client.subscribe<Record<string, { mark?: { id: string } | null }>>(
              { query: spec.subscription, variables: c.variables },
              { next: (r) => receive(r as Event), error: () => failures++, complete: () => {} },
            );
          }
          done(true);
        },
        closed: () => done(false),
      },
      onNonLazyError: () => done(false),
    });
    open.push({ close: () => void client.dispose() });
  });
}

function openRaw(spec: OpenSpec, c: Connection): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(spec.url, { localAddress: spec.address });
    ws.on('open', () => {
      ws.send(JSON.stringify({ key: c.key }));
      resolve();
    });
    ws.on('message', (data) => receive(JSON.parse(String(data)) as Event));
    ws.on('error', () => {
      failures++;
      resolve();
    });
    open.push({ close: () => ws.close() });
  });
}

async function openAll(spec: OpenSpec) {
  let next = 0;
  const worker = async () => {
    while (next < spec.connections.length) {
      const i = next++;
      await (spec.kind === 'raw' ? openRaw : openGraphqlWs)(spec, spec.connections[i]);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

onParentMessage(async (msg: Message) => {
  if (msg.type === 'open') {
    failures = 0;
    await openAll(msg.spec as OpenSpec);
    reply({ type: 'opened', failures });
  } else if (msg.type === 'count') {
    reply({ type: 'count', received: receipts.length });
  } else if (msg.type === 'receipts') {
    reply({ type: 'receipts', receipts: receipts.splice(0), failures, sample });
  } else if (msg.type === 'close') {
    for (const c of open.splice(0)) c.close();
    reply({ type: 'closed' });
  }
});
serveUntilParentLeaves({}, async () => {
  for (const c of open.splice(0)) c.close();
});
