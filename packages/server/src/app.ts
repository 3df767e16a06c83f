import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from './config.js';
import { createContext, type Context } from './graphql/context.js';
import { AppError, shapeError } from './graphql/errors.js';
import { checkDocument, limitRules, parseWithLimits } from './graphql/limits.js';
import { TrustedDocuments, trustedDocumentsMiddleware } from './graphql/trusted-documents.js';
import { buildAppSchema } from './graphql/schema.js';
import { OidcService } from './modules/auth/oidc.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { LoginThrottle } from './modules/auth/login-throttle.js';
import { Session } from './modules/auth/session.entity.js';
import { attachmentRoutes } from './modules/messaging/attachments.http.js';
import { vapidKeys, type VapidKeys } from './modules/notifications/vapid.js';
import { exportsRouter } from './modules/reports/exports.router.js';
import type { Viewer } from './policy/viewer.js';
import { Realtime } from './realtime/realtime.js';
import type { LiveConnection } from './realtime/stream.js';

export interface App {
  url: string;
  server: Server;
  /** Live events (subscriptions): the outbox feed of this process. */
  realtime: Realtime;
  /** The Web Push VAPID keys every instance shares (the notification worker signs with them). */
  vapid: VapidKeys;
  stop(): Promise<void>;
}

/** HTTP + WebSocket on one port: POST /graphql, WS /graphql, health, metrics and the built web app. */
export async function startApp(opts: {
  config: Config;
  orm: MikroORM;
  log: Logger;
  /** "Now" for journal rules (back-dating, period-mark windows); tests pin it. */
  clock?: () => Date;
}): Promise<App> {
  const { config, orm, log } = opts;
  // The ORM's own pool: the counters are a couple of short statements per sign-in.
  const throttle = new LoginThrottle(await orm.em.getConnection().getNativeClient(), {
    perLogin: config.loginFailuresPerLogin,
    perIp: config.loginFailuresPerIp,
    windowMinutes: config.loginFailureWindowMinutes,
  });
  const auth = new AuthService(config.sessionTtlHours, throttle, opts.clock);
  const oidc = config.oidc ? new OidcService(config.oidc, auth) : null;
  // Generated on the first start and kept in the database, unless configured.
  const vapid = await vapidKeys(orm.em.fork(), config.vapid);
  const schema = await buildAppSchema({ auth, clock: opts.clock, oidc, push: { publicKey: vapid.publicKey, services: config.pushServices } });
  const rules = limitRules({ introspection: config.introspection });
  const trusted = TrustedDocuments.load(config.trustedDocumentsManifest, { required: config.trustedDocuments, log });
  const exposeDetails = config.env === 'development';
  const logError = (err: unknown) => log.error({ err }, 'unexpected error in a GraphQL operation');
  const format = (e: GraphQLError) => shapeError(e.toJSON(), e, { exposeDetails, log: logError });
  const viewerFor = (token: string | null) => (token ? auth.viewerForToken(orm.em.fork(), token) : Promise.resolve(null));
  // LISTEN (or the Redis relay) for committed outbox events; streams, replay and retention.
  const realtime = await Realtime.start({ orm, log, settings: config, clock: opts.clock });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const server = createServer(app);

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const wsCleanup = useGraphqlWs(wsServer, {
    trusted: { documents: trusted, enforce: config.trustedDocuments },
    schema,
    rules,
    orm,
    viewerFor,
    clientIp: (req) => clientIp(app, req),
    sessionCheckMs: config.wsSessionCheckSeconds * 1000,
    format,
    log,
    realtime,
  });

  const apollo = new ApolloServer<Context>({
    schema,
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
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), drainWebSockets(wsCleanup), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });

  if (oidc) mountOidcRoutes(app, oidc, orm, log);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  app.use(
    '/graphql',
    noStore,
    express.json({ limit: config.bodyLimit }),
    trustedDocumentsMiddleware(trusted, {
      enforce: config.trustedDocuments,
      apiScope: async (req) => !!(await viewerFor(bearerToken(req.headers.authorization)))?.apiScope,
      format,
    }),
    tokenLimit(format),
    expressMiddleware(apollo, {
      context: async ({ req }: { req: express.Request }) =>
        createContext(
          orm.em,
          await viewerFor(bearerToken(req.headers.authorization)),
          req.headers['user-agent'] ?? null,
          req.ip ?? null,
        ),
    }),
    bodyErrors(config.bodyLimit),
  );
  app.use('/exports', exportsRouter({ orm, viewerFor, log }));
  app.use(
    '/attachments',
    attachmentRoutes({ orm, maxBytes: config.attachmentMaxBytes, viewerOf: (req) => viewerFor(bearerToken(req.headers.authorization)) }),
  );
  app.use('/exports', exportsRouter({ orm, viewerFor, log }));
  serveWebApp(app, config.webDist, log);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info({ url }, 'Дневник is listening');
  return {
    url,
    server,
    realtime,
    vapid,
    stop: async () => {
      await apollo.stop();
      await realtime.stop();
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
  return match ? match[1]! : null;
}

/**
 * Apollo parses HTTP documents itself, with no token limit and no hook to add one, so a document is
 * measured here first, by the parser the WebSocket path uses.
 */
function tokenLimit(format: (e: GraphQLError) => GraphQLFormattedError): express.RequestHandler {
  return (req, res, next) => {
    const query: unknown = req.method === 'GET' ? req.query.query : req.body?.query;
    if (typeof query === 'string') {
      try {
        parseWithLimits(query);
      } catch (err) {
        // Other syntax errors are left to Apollo, which reports them as GRAPHQL_PARSE_FAILED.
        if (err instanceof AppError) {
          res.status(400).json({ errors: [format(err)] });
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
        errors: [{ message: `The request body is larger than ${limit}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
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
  const asExpress = Object.create(app.request, { headers: { value: req.headers }, socket: { value: req.socket } });
  return (asExpress as express.Request).ip ?? null;
}

type WsExtra = { viewer: Viewer | null; ip: string | null; unwatch: () => void; live: LiveConnection };

/**
 * graphql-ws skips Apollo's HTTP pipeline, so authentication, query limits and error shaping are
 * repeated here with the very same functions. A connection without a valid session token is refused,
 * and one whose session ends is closed.
 */
function useGraphqlWs(
  wsServer: WebSocketServer,
  opts: {
    schema: GraphQLSchema;
    rules: ValidationRule[];
    trusted: { documents: TrustedDocuments; enforce: boolean };
    orm: MikroORM;
    viewerFor: (token: string | null) => Promise<Viewer | null>;
    clientIp: (req: IncomingMessage) => string | null;
    sessionCheckMs: number;
    format: (e: GraphQLError) => GraphQLFormattedError;
    log: Logger;
    realtime: Realtime;
  },
) {
  return useServer<{ token?: unknown }, WsExtra>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const token = typeof ctx.connectionParams?.token === 'string' ? ctx.connectionParams.token : null;
        if (!token) {
          ctx.extra.socket.close(4401, 'Unauthorized');
          return false;
        }
        const viewer = await opts.viewerFor(token);
        if (!viewer) return false; // graphql-ws closes with 4403 Forbidden
        const { expiresAt } = await opts.orm.em.fork().findOneOrFail(Session, viewer.sessionId);
        ctx.extra.viewer = viewer;
        // Subscriptions reload the viewer for every batch of events (a withdrawn consent stops delivery).
        ctx.extra.live = opts.realtime.connection(
          () => opts.viewerFor(token),
          (code, reason) => ctx.extra.socket.close(code, reason),
        );
        ctx.extra.ip = opts.clientIp(ctx.extra.request);
        ctx.extra.unwatch = watchSession(ctx.extra.socket, {
          expiresAt,
          stillValid: async () => (await opts.viewerFor(token)) !== null,
          everyMs: opts.sessionCheckMs,
          log: opts.log,
        });
        return true;
      },
      onClose: (ctx) => ctx.extra.unwatch?.(),
      onSubscribe: async (ctx, _id, payload) => {
        const resolved = await opts.trusted.documents.resolve(payload, { enforce: opts.trusted.enforce, apiScope: () => !!ctx.extra.viewer?.apiScope });
        if (resolved && 'error' in resolved) return [resolved.error];
        const checked = checkDocument(opts.schema, resolved?.query ?? payload.query, opts.rules);
        if (checked.errors) return checked.errors;
        return {
          schema: opts.schema,
          document: checked.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      context: (ctx) =>
        Object.assign(createContext(opts.orm.em, ctx.extra.viewer ?? null, null, ctx.extra.ip ?? null), {
          live: ctx.extra.live,
          realtime: opts.realtime,
        }),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(opts.format) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map(opts.format),
    },
    wsServer,
  );
}

/** setTimeout's longest wait (about 24.8 days); a session ending later is caught by the periodic check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A socket outlives the request that authenticated it: it is closed (4403) when its session expires,
 * and when a periodic check finds the session revoked (logout) or the account deactivated.
 */
function watchSession(
  socket: WebSocket,
  opts: { expiresAt: Date; stillValid: () => Promise<boolean>; everyMs: number; log: Logger },
): () => void {
  const end = () => socket.close(CloseCode.Forbidden, 'Session ended');
  const check = setInterval(() => {
    opts.stillValid().then(
      (valid) => valid || end(),
      (err: unknown) => opts.log.warn({ err }, 'could not re-check the session of a WebSocket'),
    );
  }, opts.everyMs);
  const untilExpiry = opts.expiresAt.getTime() - Date.now();
  const expiry = untilExpiry <= MAX_TIMER_MS ? setTimeout(end, untilExpiry) : undefined;
  return () => {
    clearInterval(check);
    clearTimeout(expiry);
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

/** The built React app; any other path falls back to index.html for client-side routes. */
function serveWebApp(app: express.Express, dist: string, log: Logger) {
  if (!existsSync(join(dist, 'index.html'))) {
    log.warn({ dist }, 'web app is not built: run `pnpm build` (pnpm start does it)');
    return;
  }
  app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
  app.get(/^\/(?!graphql|healthz|readyz|metrics).*/, (_req, res) => res.sendFile(join(dist, 'index.html')));
}

/** The browser's round trip through the identity provider; the web app then redeems the one-time code. */
function mountOidcRoutes(app: express.Express, oidc: OidcService, orm: MikroORM, log: Logger) {
  app.get('/auth/oidc/start', async (_req, res) => {
    try {
      res.redirect(302, (await oidc.start(orm.em.fork())).href);
    } catch (err) {
      log.error({ err }, 'identity provider unreachable');
      res.redirect(302, '/?login_error=OIDC_FAILED');
    }
  });
  app.get('/auth/oidc/callback', async (req, res) => {
    const url = new URL(req.originalUrl, oidc.redirectUri);
    const result = await oidc.callback(orm.em.fork(), url).catch((err: unknown) => {
      log.error({ err }, 'identity provider sign-in failed');
      return { refused: 'OIDC_FAILED' as const };
    });
    res.redirect(302, 'code' in result ? `/?login_code=${encodeURIComponent(result.code)}` : `/?login_error=${result.refused}`);
  });
}
