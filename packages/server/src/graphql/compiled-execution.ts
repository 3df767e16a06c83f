/**
 * Compiled execution (graphql-jit) for the web app's own queries (issue 16). graphql-jit compiles a
 * document once into a function with the schema's resolvers inlined; the policy still decides every
 * field, since its guards are those resolvers (policy/apply-policy.ts wraps them in place).
 *
 * Only documents proven to answer byte-identical JSON to graphql-js are compiled: the queries of the web
 * app's persisted documents (`compiled-execution.test.ts` runs each of them as every role of the demo
 * school through both). Everything else, mutations and any document an API client sends, runs on
 * graphql-js as before. Subscriptions are graphql-ws's (app.ts) and stay on graphql-js.
 *
 * Apollo Server 5 has no executor option; its gateway interface is the one way to hand it an executor,
 * so this is a "gateway" serving the app's own schema.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getOperationAST, GraphQLError, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** The documents compiled: the text of each query of the web app's persisted documents. */
export function compiledDocumentTexts(persisted: Iterable<string>): Set<string> {
  return new Set([...persisted].filter((text) => /(^|\s|})query\s/.test(text)));
}

export type ExecutorName = 'graphql-jit' | 'graphql-js';

/**
 * Executes with graphql-jit the documents of `compiled` (query operations only), others with graphql-js;
 * `executed` hears which one ran (the app counts them on /metrics).
 */
export function createExecutor(schema: GraphQLSchema, compiled: ReadonlySet<string>, executed: (name: ExecutorName) => void = () => {}) {
  const cache = new Map<string, CompiledQuery>();

  const compiledFor = (text: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    const key = `${operationName ?? ''}\n${text}`;
    const hit = cache.get(key);
    if (hit) return hit;
    if (!compiled.has(text) || getOperationAST(document, operationName)?.operation !== OperationTypeNode.QUERY) return null;
    const query = compileQuery(schema, document, operationName);
    if (!isCompiledQuery(query)) return null; // graphql-js reports the document's problem as it always did
    cache.set(key, query);
    return query;
  };

  return (args: {
    document: DocumentNode;
    text: string | undefined;
    operationName: string | undefined;
    variables: Record<string, unknown> | undefined;
    contextValue: unknown;
  }): Promise<ExecutionResult> | ExecutionResult => {
    const query = args.text === undefined ? null : compiledFor(args.text, args.document, args.operationName);
    executed(query ? 'graphql-jit' : 'graphql-js');
    if (query) return Promise.resolve(query.query(undefined, args.contextValue, args.variables ?? {})).then(asGraphqlJs);
    return execute({
      schema,
      document: args.document,
      contextValue: args.contextValue,
      variableValues: args.variables,
      operationName: args.operationName,
    });
  };
}

/**
 * graphql-js's shape of a result: `errors` first and only when there are any (graphql-jit puts `data` first), each a
 * graphql-js GraphQLError with its cause. graphql-jit wraps what a resolver threw (a refusal: kernel/errors.ts) in an
 * error of its own whose `extensions` may be missing, which Apollo cannot format: the refusal became Apollo's
 * "Internal server error".
 */
function asGraphqlJs({ data, errors }: ExecutionResult): ExecutionResult {
  if (!errors?.length) return { data };
  const located = errors.map((e) =>
    e.extensions ? e : Object.assign(new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? e }), { locations: e.locations }),
  );
  return { errors: located, data };
}

/** The app's schema with `createExecutor`, in the shape Apollo Server accepts as `gateway`. */
export function compiledGateway(schema: GraphQLSchema, compiled: ReadonlySet<string>, executed?: (name: ExecutorName) => void): GatewayInterface {
  const run = createExecutor(schema, compiled, executed);
  const executor: GatewayExecutor = async (request) =>
    run({
      document: request.document,
      text: request.source,
      operationName: request.operationName ?? undefined,
      variables: request.request.variables,
      contextValue: request.context,
    });
  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: async () => {},
  };
}
