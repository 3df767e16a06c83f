import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import type { Config } from './config.js';
import { createContext, type Context } from './graphql/context.js';
import { shapeError } from './graphql/errors.js';
import { buildAppSchema } from './graphql/schema.js';
import { AuthService } from './modules/auth/auth.service.js';
import type { Viewer } from './policy/viewer.js';

export interface App {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/** HTTP + WebSocket on one port: POST /graphql, WS /graphql, health, metrics and the built web app. */
export async function startApp(opts: { config: Config; orm: MikroORM; log: Logger }): Promise<App> {
  const { config, orm, log } = opts;
  const auth = new AuthService(config.sessionTtlHours);
  const schema = await buildAppSchema({ auth });
  const exposeDetails = config.env === 'development';
  const logError = (err: unknown) => log.error({ err }, 'unexpected error in a GraphQL operation');
  const viewerFor = (token: string | null) => (token ? auth.viewerForToken(orm.em.fork(), token) : Promise.resolve(null));

  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const wsCleanup = useGraphqlWs(wsServer, { schema, orm, viewerFor, exposeDetails, logError });

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.env !== 'production',
    includeStacktraceInErrorResponses: exposeDetails,
    // Batched requests multiply the cost of one HTTP request past every limit: refused.
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => shapeError(formatted, error, { exposeDetails, log: logError }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), drainWebSockets(wsCleanup)],
  });
  await apollo.start();

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });

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
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(orm.em, await viewerFor(bearerToken(req.headers.authorization)), req.headers['user-agent'] ?? null),
    }),
  );
  serveWebApp(app, config.webDist, log);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info({ url }, 'Дневник is listening');
  return { url, server, stop: () => apollo.stop() };
}

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1]! : null;
}

type WsExtra = { viewer: Viewer | null };

/**
 * graphql-ws skips Apollo's HTTP pipeline, so authentication and error shaping are repeated here
 * with the very same functions. A connection without a valid session token is refused.
 */
function useGraphqlWs(
  wsServer: WebSocketServer,
  opts: {
    schema: GraphQLSchema;
    orm: MikroORM;
    viewerFor: (token: string | null) => Promise<Viewer | null>;
    exposeDetails: boolean;
    logError: (err: unknown) => void;
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
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx) => createContext(opts.orm.em, ctx.extra.viewer ?? null, null),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? {
              ...result,
              errors: result.errors.map((e) =>
                shapeError(e.toJSON(), e, { exposeDetails: opts.exposeDetails, log: opts.logError }),
              ),
            }
          : undefined,
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e: GraphQLError) => shapeError(e.toJSON(), e, { exposeDetails: opts.exposeDetails, log: opts.logError })),
    },
    wsServer,
  );
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
