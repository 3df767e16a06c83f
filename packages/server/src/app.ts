import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import compression from 'compression';
import express from 'express';
import pg from 'pg';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { WebSocketServer, type Server as WsServer, type WebSocket } from 'ws';
import type { Config } from './config.js';
import { readiness } from './db/readiness.js';
import { createContext } from './graphql/context.js';
import type { Context } from './policy/context.js';
import { ScreenCache } from './graphql/screen-cache.js';
import type { Clock } from './kernel/clock.js';
import { AppError } from './kernel/errors.js';
import { graphQLErrorOf, shapeError } from './graphql/error-shaping.js';
import type { Reason } from './kernel/reasons.js';
import { KeptByText } from './kernel/kept-by-text.js';
import { checkDocument, limitRules, parseWithLimits } from './graphql/limits.js';
import { TrustedDocuments, trustedDocumentsMiddleware } from './graphql/trusted-documents.js';
import { buildAppSchema, policyRules } from './graphql/schema.js';
import { pupilFree } from './graphql/pupil-free.js';
import { compiledDocumentTexts, compiledGateway } from './graphql/compiled-execution.js';
import { AuthService, deviceTokenKey, LoginThrottle, OidcService, Session } from './modules/auth/index.js';
import { attachmentRoutes } from './modules/messaging/index.js';
import { lessonFileRoutes, LessonFileService } from './modules/journal/index.js';
import { registerNotificationBacklog, vapidKeys, type VapidKeys } from './modules/notifications/index.js';
import { exportsRouter } from './modules/reports/index.js';
import { checkRoutes, declare, GRAPHQL_ENDPOINT, open, operatorRoute, type DeclaredRoute } from './policy/routes.js';
import type { Viewer } from './policy/viewer.js';
import { liveSubscribe, type LiveOperationContext } from './realtime/delivery.js';
import { Realtime } from './realtime/realtime.js';
import { GraphqlWsSocket, serveGraphqlWs, SocketTimers } from './realtime/sockets.js';

export interface App {
  url: string;
  server: Server;
  /** Live events (subscriptions): the outbox feed of this process. */
  realtime: Realtime;
  /** The big screens' rows this process keeps (graphql/screen-cache.ts). */
  screens: ScreenCache;
  /** The Web Push VAPID keys every instance shares (the notification worker signs with them). */
  vapid: VapidKeys;
  /** What /metrics serves; background jobs of this process (the notification worker) add theirs. */
  metrics: Registry;
  /** Every HTTP route and the rule it answers under (policy/routes.ts). */
  routes: DeclaredRoute[];
  /** The executable schema, policy applied: in-process measurements execute documents against it. */
  schema: GraphQLSchema;
  /** The viewer of a session token, as every request loads it. */
  viewerFor(token: string | null): Promise<Viewer | null>;
  stop(): Promise<void>;
}

/** HTTP + WebSocket on one port: POST /graphql, WS /graphql, health, metrics and the built web app. */
export async function startApp(opts: {
  config: Config;
  orm: MikroORM;
  log: Logger;
  /** "Now" for domain rules (kernel/clock.ts): main.ts passes the system clock, tests pin it. */
  clock: Clock;
}): Promise<App> {
  const { config, orm, log, clock } = opts;
  // The counters live outside the sign-in's transaction (a refused sign-in must still count), on a small pool
  // of their own: on the ORM's pool, sign-ins holding every connection in their transactions would wait for
  // a connection none of them gives back.
  const throttlePool = new pg.Pool({ connectionString: orm.config.get('clientUrl'), max: 2 });
  // An idle connection that the database drops (a restart, an outage) is replaced on the next sign-in; unheard,
  // the pool's 'error' event would end the process.
  throttlePool.on('error', (err) => log.warn({ err }, 'a sign-in counter connection was lost'));
  const throttle = new LoginThrottle(
    throttlePool,
    { perLogin: config.loginFailuresPerLogin, perIp: config.loginFailuresPerIp, windowMinutes: config.loginFailureWindowMinutes },
    await deviceTokenKey(orm.em.fork()),
    clock,
  );
  const auth = new AuthService(config.sessionTtlHours, clock, throttle);
  const oidc = config.oidc ? new OidcService(config.oidc, auth) : null;
  // Generated on the first start and kept in the database, unless configured.
  const vapid = await vapidKeys(orm.em.fork(), config.vapid);
  const schema = await buildAppSchema({ auth, clock, oidc, push: { publicKey: vapid.publicKey, services: config.pushServices } });
  const rules = limitRules({ introspection: config.introspection });
  const trusted = TrustedDocuments.load(config.trustedDocumentsManifest, { required: config.trustedDocuments, log });
  const exposeDetails = config.env === 'development';
  const logError = (err: unknown) => log.error({ err }, 'unexpected error in a GraphQL operation');
  const format = (e: GraphQLError) => shapeError(e.toJSON(), e, { exposeDetails, log: logError });
  const viewerFor = (token: string | null, opts?: { pupils?: boolean }) => (token ? auth.viewerForToken(orm.em.fork(), token, opts) : Promise.resolve(null));
  // LISTEN (or the Redis relay) for committed outbox events and viewer invalidations; streams, replay and retention.
  const realtime = await Realtime.start({ orm, log, settings: config, clock, loadViewer: viewerFor });
  realtime.watchSessions(config.wsSessionCheckSeconds * 1000);
  const metrics = new Registry();
  // The big screens' rows, dropped by what the outbox says a commit touched: graphql/screen-cache.ts.
  const screenReads = new Counter({
    name: 'dnevnik_screen_cache_total',
    help: 'Reads of the big screens answered from kept rows (hit) or the database (miss); kept entries dropped by commits or evicted for size',
    labelNames: ['screen', 'outcome'],
    registers: [metrics],
  });
  const limits = { maxBytes: config.screenCacheMb * 1024 * 1024, maxAgeMs: config.screenCacheSeconds * 1000 };
  const screens = new ScreenCache(limits, (screen, outcome, n = 1) => screenReads.inc({ screen: screen ?? 'any', outcome }, n));
  realtime.observe(screens);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const server = createServer(app);

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024, WebSocket: GraphqlWsSocket });
  const wsCleanup = useGraphqlWs(wsServer, {
    trusted: { documents: trusted, enforce: config.trustedDocuments },
    schema,
    rules,
    orm,
    clientIp: (req) => clientIp(app, req),
    subscriptionLimit: config.wsSubscriptionLimit,
    format,
    log,
    realtime,
    clock,
    screens,
  });

  const operations = new Counter({
    name: 'dnevnik_graphql_operations_total',
    help: "GraphQL operations over HTTP by executor: graphql-jit for the web app's queries, graphql-js for the rest",
    labelNames: ['executor'],
    registers: [metrics],
  });
  const apollo = new ApolloServer<Context>({
    // The web app's queries run compiled (graphql-jit), the rest on graphql-js: graphql/compiled-execution.ts.
    gateway: compiledGateway(schema, compiledDocumentTexts(trusted.texts()), (executor) => operations.inc({ executor })),
    // Refused by `rules` instead, with INTROSPECTION_DISABLED on both transports (Apollo's switch is HTTP-only).
    introspection: true,
    validationRules: rules,
    includeStacktraceInErrorResponses: exposeDetails,
    // Batched requests multiply the cost of one HTTP request past every limit: refused.
    allowBatchedHttpRequests: false,
    // The web app's manifest is the only store of persisted documents (graphql/trusted-documents.ts): nobody registers one.
    persistedQueries: false,
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => shapeError(formatted, error, { exposeDetails, log: logError }),
    // Apollo's default cache-control plugin wraps every field resolver to collect hints nobody sets (10–20% of
    // the CPU of a big page, bench P2/P3); responses are `no-store` by the middleware below instead.
    plugins: [drainHttpServer(server), drainWebSockets(wsCleanup), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  collectDefaultMetrics({ register: metrics });
  registerNotificationBacklog(metrics, orm);

  // Every route is declared with the policy it answers to (policy/routes.ts); `checkRoutes` below refuses to start otherwise.
  const bearerViewer = (req: express.Request) => viewerFor(bearerToken(req.headers.authorization));
  if (oidc) mountOidcRoutes(app, oidc, orm, log);
  app.get(
    '/healthz',
    declare(open('liveness: says nothing but "ok"'), (_req: express.Request, res: express.Response) => {
      res.json({ status: 'ok' });
    }),
  );
  // Not ready while a restore replaces the data, nor on a schema missing a migration (db/readiness.ts).
  app.get(
    '/readyz',
    declare(open('readiness: says only whether the database is there and complete'), async (_req: express.Request, res: express.Response) => {
      try {
        const state = await readiness(await orm.em.getConnection().getNativeClient());
        if (state.ready) res.json({ status: 'ready' });
        else res.status(503).json({ status: 'not ready', reason: state.reason });
      } catch (err) {
        log.warn({ err }, 'readiness check failed');
        res.status(503).json({ status: 'database unavailable' });
      }
    }),
  );
  app.get(
    '/metrics',
    operatorRoute(config.metricsToken, async (_req, res) => {
      res.type(metrics.contentType).send(await metrics.metrics());
    }),
  );
  // Each request's document as the token limit parsed it (or found it parsed).
  const documents = new WeakMap<express.Request, DocumentNode>();
  const graphqlHttp = express.Router();
  graphqlHttp.use(
    noStore,
    // Answers are JSON, compressed when the browser accepts it (a journal page: 70 KB as text, 6 KB as
    // brotli). Below 1 KB (a sign-in's token among them) they go as they are.
    compression({ threshold: 1024 }),
    express.json({ limit: config.bodyLimit }),
    trustedDocumentsMiddleware(trusted, {
      enforce: config.trustedDocuments,
      apiScope: async (req) => !!(await bearerViewer(req))?.apiScope,
      format,
    }),
    tokenLimit(format, documents),
    expressMiddleware(apollo, {
      context: async ({ req }: { req: express.Request }) => {
        // A journal write answering leaf fields is decided without the viewer's pupils (graphql/pupil-free.ts).
        const pupils = !pupilFree(documents.get(req), (req.body as { operationName?: unknown } | undefined)?.operationName, policyRules.writeRules);
        const viewer = await viewerFor(bearerToken(req.headers.authorization), { pupils });
        return createContext(orm.em, viewer, req.headers['user-agent'] ?? null, req.ip ?? null, clock, screens);
      },
    }),
    bodyErrors(config.bodyLimit),
  );
  app.use('/graphql', declare(GRAPHQL_ENDPOINT, graphqlHttp));
  app.use('/exports', exportsRouter({ orm, viewerOf: bearerViewer, log, clock }));
  app.use('/attachments', attachmentRoutes({ orm, clock, maxBytes: config.attachmentMaxBytes, viewerOf: bearerViewer }));
  app.use('/lesson-files', lessonFileRoutes({ orm, service: new LessonFileService(clock), viewerOf: bearerViewer }));
  serveWebApp(app, config.webDist, log);
  const routes = checkRoutes(app, schema);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info({ url }, 'Дневник is listening');
  return {
    url,
    server,
    realtime,
    screens,
    vapid,
    metrics,
    routes,
    schema,
    viewerFor,
    stop: async () => {
      await apollo.stop();
      await realtime.stop();
      await throttlePool.end();
    },
  };
}

/** Answers carry personal data: never kept by a browser or proxy cache. */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.set('cache-control', 'no-store');
  next();
};

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

/**
 * Apollo parses HTTP documents itself, with no token limit and no hook to add one, so a document is
 * measured here first, by the parser the WebSocket path uses. Clients send the same few documents again
 * and again: a text found within the limit is parsed once (`KeptByText`, bounded; Apollo keeps its parsed documents
 * likewise). The request's document goes to `documents` (graphql/pupil-free.ts asks).
 */
function tokenLimit(format: (e: GraphQLError) => GraphQLFormattedError, documents: WeakMap<express.Request, DocumentNode>): express.RequestHandler {
  const within = new KeptByText<DocumentNode>();
  return (req, res, next) => {
    const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string') {
      try {
        let document = within.get(query);
        if (!document) {
          document = parseWithLimits(query);
          within.keep(query, document);
        }
        documents.set(req, document);
      } catch (err) {
        // Other syntax errors are left to Apollo, which reports them as GRAPHQL_PARSE_FAILED.
        if (err instanceof AppError) {
          res.status(400).json({ errors: [format(graphQLErrorOf(err))] });
          return;
        }
      }
    }
    next();
  };
}

/** body-parser's refusals (too large, malformed JSON) as GraphQL-shaped JSON instead of Express's HTML page. */
function bodyErrors(limit: string): express.ErrorRequestHandler {
  return (err: { type?: unknown; status?: unknown; expose?: unknown; message?: unknown }, _req, res, next) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({
        errors: [
          { message: `The request body is larger than ${limit}.`, extensions: { code: 'PAYLOAD_TOO_LARGE', reason: 'REQUEST_TOO_LARGE' satisfies Reason } },
        ],
      });
    } else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.expose) {
      res.status(err.status).json({ errors: [{ message: String(err.message), extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      next(err);
    }
  };
}

/**
 * Express's `req.ip` (TRUST_PROXY applied) for a request Express never routes: the WebSocket upgrade.
 * Its getter reads only the headers and the socket.
 */
function clientIp(app: express.Express, req: IncomingMessage): string | null {
  const asExpress = Object.create(app.request, { headers: { value: req.headers }, socket: { value: req.socket } }) as express.Request;
  return asExpress.ip ?? null;
}

/**
 * Documents checked (parsed within limits, validated) once per text: the web app's few documents are
 * sent by every socket, and a subscription's document is shared by all of them (delivery.ts keys frames
 * by it). Bounded (`KeptByText`): an API client's documents cannot grow it without end.
 */
class CheckedDocuments {
  /** Whatever its length: a subscription's document object is what its sockets share frames by. */
  private readonly checked = new KeptByText<{ document: DocumentNode }>(500, 1_000_000, Infinity);

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: ValidationRule[],
  ) {}

  /** The document, checked once per text. */
  check(text: string): { document: DocumentNode; errors?: never } | { errors: GraphQLError[]; document?: never } {
    const known = this.checked.get(text);
    if (known) return known;
    const checked = checkDocument(this.schema, text, this.rules);
    if (checked.errors) return checked;
    const entry = { document: checked.document };
    this.checked.keep(text, entry);
    return entry;
  }
}

/**
 * graphql-ws skips Apollo's HTTP pipeline, so authentication, query limits and error shaping are
 * repeated here with the very same functions. A connection without a valid session token is refused,
 * and one whose session ends is closed (realtime.ts: at once when a write ends it, else by the periodic
 * check, and by a timer at its expiry).
 *
 * Every operation runs with the viewer of its own moment, loaded when the operation arrives (one
 * statement, as for an HTTP request), never with the one the socket connected with: a withdrawn
 * consent, an ended teaching assignment or a revoked role holds from the next operation on, and a
 * session that ended (logout, compromise report, deactivation) closes the socket at it. Subscriptions
 * are delivered by realtime/delivery.ts (each event executed and serialised once per viewer shape); their
 * context is small: the connection and the operation's id, no ORM fork and no DataLoaders of their own.
 * The protocol itself is realtime/sockets.ts: one `GraphqlWsSocket` per connection, these hooks shared.
 */
function useGraphqlWs(
  wsServer: WsServer<typeof GraphqlWsSocket>,
  opts: {
    schema: GraphQLSchema;
    rules: ValidationRule[];
    trusted: { documents: TrustedDocuments; enforce: boolean };
    orm: MikroORM;
    clientIp: (req: IncomingMessage) => string | null;
    /** Subscriptions one socket may hold at once (WS_SUBSCRIPTION_LIMIT). */
    subscriptionLimit: number;
    format: (e: GraphQLError) => GraphQLFormattedError;
    log: Logger;
    realtime: Realtime;
    clock: Clock;
    screens: ScreenCache;
  },
) {
  const documents = new CheckedDocuments(opts.schema, opts.rules);
  // Each operation under way holds its execution and an entry of the socket's list: room for every subscription, and
  // as many queries and mutations besides.
  const operationLimit = 2 * opts.subscriptionLimit;
  const timers = new SocketTimers({ keepAliveMs: WS_KEEP_ALIVE_MS, initWaitMs: WS_INIT_WAIT_MS, onExpired: closeEndedSession });
  return serveGraphqlWs(
    wsServer,
    {
      connect: async (socket, params) => {
        const token = typeof params?.token === 'string' ? params.token : null;
        if (!token) {
          socket.close(4401, 'Unauthorized');
          return false;
        }
        const live = opts.realtime.connection(token, socket);
        try {
          const viewer = await live.freshViewer();
          const session = viewer && (await opts.orm.em.fork().findOneOrFail(Session, viewer.sessionId));
          // No session (closed with 4403 Forbidden), or the socket closed meanwhile: nothing kept for it.
          if (!session || socket.readyState !== socket.OPEN) {
            opts.realtime.close(live);
            return false;
          }
          socket.live = live;
          timers.expiresAt(socket, session.expiresAt);
          return true;
        } catch (err) {
          opts.realtime.close(live);
          throw err;
        }
      },
      closed: (socket) => {
        if (socket.live) opts.realtime.close(socket.live);
      },
      prepare: async (socket, id, payload) => {
        const live = socket.live;
        const viewer = live && (await live.freshViewer());
        if (!live || !viewer) {
          closeEndedSession(socket);
          return [graphQLErrorOf(new AppError('UNAUTHENTICATED', 'SESSION_ENDED', 'The session has ended: sign in again.'))];
        }
        const resolved = await opts.trusted.documents.resolve(payload, { enforce: opts.trusted.enforce, apiScope: () => viewer.apiScope });
        if (resolved && 'error' in resolved) return [graphQLErrorOf(resolved.error)];
        const checked = documents.check(resolved?.query ?? payload.query);
        if (checked.errors) return checked.errors;
        const execution = { schema: opts.schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
        if (getOperationAST(checked.document, payload.operationName)?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return { ...execution, contextValue: createContext(opts.orm.em, viewer, null, socket.ip, opts.clock, opts.screens) };
        }
        const contextValue: LiveOperationContext & { realtime: Realtime } = { viewer, live, operationId: id, realtime: opts.realtime };
        return { ...execution, contextValue };
      },
      subscribe: liveSubscribe(opts.format),
      // Each open stream holds buffers and a share of every routed batch: a socket may not hold unboundedly many.
      subscriptionLimit: opts.subscriptionLimit,
      tooManySubscriptions: () =>
        graphQLErrorOf(
          new AppError(
            'TOO_MANY_SUBSCRIPTIONS',
            'TOO_MANY_SUBSCRIPTIONS',
            `A connection holds at most ${opts.subscriptionLimit} subscriptions: end one first.`,
            {
              limit: opts.subscriptionLimit,
            },
          ),
        ),
      operationLimit,
      tooManyOperations: () =>
        graphQLErrorOf(
          new AppError('TOO_MANY_REQUESTS', 'TOO_MANY_OPERATIONS', `A connection runs at most ${operationLimit} operations at once: wait for answers first.`, {
            limit: operationLimit,
          }),
        ),
      format: opts.format,
      onError: (err) => opts.log.error({ err }, 'unexpected error on a WebSocket'),
    },
    timers,
    opts.clientIp,
  );
}

/** graphql-ws's defaults: a ping every 12 s (a socket silent until the next one is terminated), 3 s for `connection_init`. */
const WS_KEEP_ALIVE_MS = 12_000;
const WS_INIT_WAIT_MS = 3_000;

/** A socket whose session ended (logout, expiry, compromise report, deactivation) is closed with 4403. */
const closeEndedSession = (socket: WebSocket) => socket.close(CloseCode.Forbidden, 'Session ended');

/**
 * Stops the HTTP server: no new connections, idle ones closed (and each as its last request finishes),
 * every one after 10 s. Node's server knows its connections; Apollo's drain plugin would keep a map entry
 * and a `close` listener of its own for every connection, each WebSocket's too (~300 bytes; issue 16, P4).
 */
function drainHttpServer(server: Server, graceMs = 10_000): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          const idle = setInterval(() => server.closeIdleConnections(), 100);
          const hard = setTimeout(() => server.closeAllConnections(), graceMs);
          await closed;
          clearInterval(idle);
          clearTimeout(hard);
        },
      };
    },
  };
}

function drainWebSockets(cleanup: { dispose(): void | Promise<void> }): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await cleanup.dispose();
        },
      };
    },
  };
}

/** Bundles named by their content's hash (vite's `assets/`): a new build is new names, so a browser keeps them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Encodings the build precompressed each text file into (vite.config.ts), in order of preference. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * The built React app. Text files are sent as the build precompressed them (brotli, else gzip) when
 * the browser accepts it; hashed bundles are cached as immutable, the page and the service worker are
 * revalidated every time (a deploy must show at once), the rest for an hour. Any other path falls back
 * to index.html for client-side routes.
 */
function serveWebApp(app: express.Express, dist: string, log: Logger) {
  if (!existsSync(join(dist, 'index.html'))) {
    log.warn({ dist }, 'web app is not built: run `pnpm build` (pnpm start does it)');
    return;
  }
  const cacheControl = (path: string) =>
    path.startsWith('/assets/') ? IMMUTABLE : path === '/' || path.endsWith('.html') || path === '/sw.js' ? 'no-cache' : 'public, max-age=3600';
  app.use(
    declare(open('the built web app: precompressed public files'), (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const path = req.path === '/' ? '/index.html' : req.path;
      const file = join(dist, path);
      // `join` normalises `..`: a path outside dist is not ours to send.
      if (!file.startsWith(dist) || !existsSync(file)) return next();
      const accepted = req.acceptsEncodings(...PRECOMPRESSED.map((p) => p.encoding), 'identity');
      const variant = PRECOMPRESSED.find((p) => p.encoding === accepted && existsSync(file + p.suffix));
      if (!variant) return next();
      res.vary('Accept-Encoding');
      res.set({ 'content-encoding': variant.encoding, 'cache-control': cacheControl(req.path) });
      res.type(extname(file));
      res.sendFile(file + variant.suffix, { cacheControl: false, lastModified: true });
    }),
  );
  app.use(
    declare(
      open('the built web app: public files'),
      express.static(dist, {
        index: 'index.html',
        cacheControl: false,
        setHeaders: (res, file) => {
          res.set('cache-control', cacheControl('/' + relative(dist, file).split(sep).join('/')));
          if (PRECOMPRESSED.some((p) => existsSync(file + p.suffix))) res.vary('Accept-Encoding');
        },
      }),
    ),
  );
  app.get(
    /^\/(?!graphql|healthz|readyz|metrics).*/,
    declare(open("the web app's page for client-side routes"), (_req: express.Request, res: express.Response) =>
      res.set('cache-control', 'no-cache').sendFile(join(dist, 'index.html')),
    ),
  );
}

/** The browser's round trip through the identity provider; the web app then redeems the one-time code. */
function mountOidcRoutes(app: express.Express, oidc: OidcService, orm: MikroORM, log: Logger) {
  app.get(
    '/auth/oidc/start',
    declare(open('sign-in: redirects to the provider with a fresh state'), async (_req: express.Request, res: express.Response) => {
      try {
        res.redirect(302, (await oidc.start(orm.em.fork())).href);
      } catch (err) {
        log.error({ err }, 'identity provider unreachable');
        res.redirect(302, '/?login_error=OIDC_FAILED');
      }
    }),
  );
  app.get(
    '/auth/oidc/callback',
    declare(open('sign-in: the stored state, nonce and PKCE verifier are the credential'), async (req: express.Request, res: express.Response) => {
      const url = new URL(req.originalUrl, oidc.redirectUri);
      const result = await oidc.callback(orm.em.fork(), url).catch((err: unknown) => {
        log.error({ err }, 'identity provider sign-in failed');
        return { refused: 'OIDC_FAILED' as const };
      });
      res.redirect(302, 'code' in result ? `/?login_code=${encodeURIComponent(result.code)}` : `/?login_error=${result.refused}`);
    }),
  );
}
