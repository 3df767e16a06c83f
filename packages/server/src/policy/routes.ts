/**
 * HTTP routes beside GraphQL answer to the same policy as the GraphQL fields they mirror (issue 14).
 *
 * Every route, router and middleware of the Express app that can answer a request is declared with a rule:
 * - `mirrors(reportsRules, 'Query.studentPeriodReport', 'StudentPeriodReport')`: `mirrorRoute` asks the field's
 *   root rule before the handler runs and the type rule of the object the answer is about before a byte is
 *   sent: the very functions of the module's rules that guard the field (no copy that could drift from them;
 *   each name is ruled once, graphql/schema.ts);
 * - `GRAPHQL_ENDPOINT`: the GraphQL endpoint itself, whose every field `applyPolicy` guards;
 * - `OPERATOR_ONLY`: the operator's tools (metrics): from loopback without a proxy, or with the token;
 * - `open(why)`: routes that show nothing personal (health, the web app, the identity provider's round trip).
 * `checkRoutes` walks the app at start and throws on anything without a rule, and on a mirror naming a
 * field or type the schema does not have, so such a server does not start (and every test fails).
 */
import type express from 'express';
import { getNamedType, getNullableType, isListType, isObjectType, type GraphQLSchema } from 'graphql';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, errorAnswer, forbidden, inputErrorFromDatabase, notFound, unauthenticated, type ErrorCode } from '../kernel/errors.js';
import type { Reason } from '../kernel/reasons.js';
import type { ModuleRules } from './module-rules.js';
import { signedIn } from './policy.js';
import { rulesByName, type RootRule } from './type-rule.js';
import type { Viewer } from './viewer.js';

/** A field of the schema, as `Type.field`. */
export type FieldName = `${string}.${string}`;

export interface MirrorRule {
  kind: 'mirror';
  /** The rules of the module whose field the route mirrors: they hold the field's root rule and its type's rule. */
  rules: ModuleRules;
  field: FieldName;
  /** The object type the route's answer is about (the field's type); null when it sends the viewer's own things only. */
  type: string | null;
  /** The field is a list: an object the viewer may not see is left out there, so the route answers "not found". */
  list: boolean;
}

export type RouteRule = { kind: 'open'; why: string } | { kind: 'graphql' } | { kind: 'operator' } | MirrorRule;

export const GRAPHQL_ENDPOINT: RouteRule = { kind: 'graphql' };
export const OPERATOR_ONLY: RouteRule = { kind: 'operator' };
export const open = (why: string): RouteRule => ({ kind: 'open', why });
export const mirrors = (rules: ModuleRules, field: FieldName, type: string | null = null, opts: { list?: boolean } = {}): MirrorRule => ({
  kind: 'mirror',
  rules,
  field,
  type,
  list: opts.list ?? false,
});

const RULE = Symbol('route rule');
type Declared = { [RULE]?: RouteRule };

/** Marks a handler or router with the rule it answers under. */
export function declare<H extends object>(rule: RouteRule, handler: H): H {
  return Object.assign(handler, { [RULE]: rule });
}

const ruleOf = (handler: unknown): RouteRule | undefined => (handler as Declared | null)?.[RULE];

// ── mirrors ─────────────────────────────────────────────────────────────────

/** What a mirrored route answers: the object it is about (for the type rule), and how to send it. */
export interface MirrorAnswer {
  /** What the GraphQL object of the mirrored field would carry for its type rule (ids of school, class, student...). */
  about?: object;
  send(res: express.Response): Promise<void> | void;
}

/** A stored file's `send`: a download under its own name, never shown inline (nosniff) nor kept by a cache. */
export const sendDownload =
  (file: { contentType: string; size: number; fileName: string; data: Buffer }) =>
  (res: express.Response): void =>
    void res
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      })
      .end(file.data);

const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/**
 * A route that mirrors a GraphQL field: the field's root rule, then the handler (the same service the
 * resolver calls, with the same checks), then the field type's rule on what the answer is about, and
 * only then the answer. Refusals are answered as JSON with the API's codes; other errors go to `next`.
 */
export function mirrorRoute(
  rule: MirrorRule,
  viewerOf: (req: express.Request) => Promise<Viewer | null>,
  handler: (req: express.Request, viewer: Viewer | null) => Promise<MirrorAnswer>,
): express.RequestHandler {
  const [parent = '', field = ''] = rule.field.split('.');
  const rootRule = rootRuleOf(rule.rules, parent, field);
  const typeRule = rule.type ? rulesByName(rule.rules.types ?? {})[rule.type] : undefined;
  return declare(rule, async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      const viewer = await viewerOf(req);
      if (rootRule && !rootRule(viewer)) throw viewer ? forbidden() : unauthenticated();
      const answer = await handler(req, viewer);
      if (typeRule) {
        if (!answer.about) throw new Error(`the route mirroring ${rule.field} did not say what its answer is about`);
        // As GraphQL answers: a list leaves the object out, a single non-null field is FORBIDDEN.
        if (!typeRule(viewer, answer.about)) throw rule.list ? notFound() : forbidden();
      }
      await answer.send(res);
    } catch (err) {
      // A refusal, or a value the database refused (a malformed id in the path): the caller's, as GraphQL answers it.
      const known = err instanceof AppError ? errorAnswer(err) : inputErrorFromDatabase(err);
      const status = known ? STATUS[known.extensions.code as ErrorCode] : undefined;
      if (known && status && !res.headersSent) {
        // The extensions as GraphQL gives them: a client tells "consent needed" (reason CONSENT_REQUIRED) from "no such student".
        res.status(status).json({ errors: [known] });
      } else {
        next(err);
      }
    }
  });
}

/**
 * The rule a route mirroring this field asks before it reads anything of the request: a Query's or Subscription's root
 * rule; for a Mutation, a signed-in viewer (its write rule judges the viewer on the facts, and refuses without one).
 */
const rootRuleOf = (rules: ModuleRules, parent: string, field: string): RootRule | undefined =>
  parent === 'Query'
    ? rules.query?.[field]
    : parent === 'Subscription'
      ? rules.subscription?.[field]
      : parent === 'Mutation' && rules.mutation?.[field]
        ? signedIn
        : undefined;

// ── operator tools ──────────────────────────────────────────────────────────

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Metrics and the like: for a request from this machine that came through no proxy (a reverse proxy on
 * the same host would otherwise make every outside request look local), or one that carries
 * `Authorization: Bearer <METRICS_TOKEN>` when a token is configured. Others get 403.
 */
export function operatorRoute(token: string | undefined, handler: express.RequestHandler): express.RequestHandler {
  const expected = token ? sha256(token) : null;
  return declare(OPERATOR_ONLY, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const peer = req.socket.remoteAddress ?? '';
    const local = LOOPBACK.has(peer) && !req.headers['x-forwarded-for'] && !req.headers.forwarded;
    const presented = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const withToken = !!expected && !!presented && timingSafeEqual(sha256(presented), expected);
    if (!local && !withToken) {
      res.status(403).json({
        errors: [
          {
            message: 'Metrics are for the operator: from this machine, or with the metrics token.',
            extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' satisfies Reason },
          },
        ],
      });
      return;
    }
    return handler(req, res, next);
  });
}

// ── the check at start ──────────────────────────────────────────────────────

/** What `checkRoutes` found: every path the app answers and its rule. */
export interface DeclaredRoute {
  methods: string[];
  path: string;
  rule: RouteRule;
}

interface Layer {
  handle: unknown;
  name: string;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean>; stack: Layer[] };
}

// Express keeps a route's path as written: a string, or a pattern (a RegExp, printed as one).
const pathOf = (prefix: string, raw: unknown) =>
  `${prefix}${raw === undefined || raw === '/' ? '' : typeof raw === 'string' ? raw : raw instanceof RegExp ? String(raw) : JSON.stringify(raw)}` || '/';

/**
 * Lists the app's routes with their rules; throws when a route or middleware has none, or when a mirror
 * names a field or type the schema does not have (or a list where the field is none, and back).
 * Error handlers (four arguments) are not routes: they only shape the errors of declared routes.
 */
export function checkRoutes(app: express.Express, schema: GraphQLSchema): DeclaredRoute[] {
  const problems: string[] = [];
  const found: DeclaredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      const handle = layer.handle as ((...args: unknown[]) => unknown) & { stack?: Layer[] };
      if (layer.route) {
        const path = pathOf(prefix, layer.route.path);
        const methods = Object.keys(layer.route.methods).map((m) => m.toUpperCase());
        const rules = layer.route.stack.map((l) => ruleOf(l.handle)).filter((r) => r !== undefined);
        if (rules.length !== 1) problems.push(`${methods.join(',')} ${path} has ${rules.length ? 'more than one rule' : 'no rule'}`);
        else found.push({ methods, path, rule: rules[0] });
        continue;
      }
      const rule = ruleOf(handle);
      const path = pathOf(prefix, layer.rawPath);
      if (rule) found.push({ methods: ['*'], path, rule });
      else if (Array.isArray(handle.stack)) walk(handle.stack, path === '/' ? '' : path);
      else if (handle.length !== 4) problems.push(`middleware ${layer.name} at ${path} has no rule`);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  for (const { path, rule } of found) {
    if (rule.kind === 'mirror') problems.push(...mirrorProblems(schema, rule).map((p) => `${path}: ${p}`));
  }
  if (problems.length) throw new Error(`HTTP routes without the policy:\n- ${problems.join('\n- ')}`);
  return found;
}

function mirrorProblems(schema: GraphQLSchema, rule: MirrorRule): string[] {
  const [typeName = '', fieldName = ''] = rule.field.split('.');
  const parent = schema.getType(typeName);
  const field = isObjectType(parent) ? parent.getFields()[fieldName] : undefined;
  if (!field) return [`mirrors ${rule.field}, which the schema does not have`];
  const named = getNamedType(field.type);
  if (rule.type && named.name !== rule.type) return [`${rule.field} is of type ${named.name}, not ${rule.type}`];
  if (rule.type && isListType(getNullableType(field.type)) !== rule.list) return [`${rule.field} is ${rule.list ? 'not ' : ''}a list`];
  // What a query returns is guarded by its type's rule (every object type has one): a route mirroring it asks that rule too.
  if (!rule.type && typeName === 'Query' && isObjectType(named)) {
    return [`${rule.field} returns ${named.name}, whose type rule the route must ask: name the type`];
  }
  // The rules given are those that guard the field: the module's own, where each name is ruled once.
  if ((typeName === 'Query' || typeName === 'Subscription' || typeName === 'Mutation') && !rootRuleOf(rule.rules, typeName, fieldName)) {
    return [`${rule.field}'s rule is not in the rules the route was given`];
  }
  if (rule.type && !rulesByName(rule.rules.types ?? {})[rule.type]) return [`the type rule of ${rule.type} is not in the rules the route was given`];
  return [];
}
