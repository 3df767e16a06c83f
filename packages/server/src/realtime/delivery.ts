/**
 * Live delivery does each event's work once (issue 16): the hub reads a batch's objects once and makes
 * one event per audience (realtime.ts); a subscriber's stream decides, per viewer shape, whether its
 * viewer may see it (stream.ts); here the event is executed and serialised once per (document, viewer
 * shape), and every subscriber of that shape is sent the same frame, wrapped in its operation id.
 *
 * graphql-ws would execute and stringify each subscriber's event itself; `liveSubscribe` is its
 * `subscribe` hook instead: the operation's source stream is opened as graphql-js opens it (root rule,
 * then the field's `subscribe`), and the iterator handed back writes the shared frames to the socket
 * itself, one after another, each once the previous was taken (graphql-ws's own pace). Only an end of
 * access (a denial) goes back through graphql-ws as an ordinary result, then the stream completes.
 */
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  locatedError,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import type { Viewer } from '../policy/viewer.js';
import { LiveStream, type Delivery, type LiveConnection, type StepConsumer } from './stream.js';

/** What a WebSocket subscription's context carries (app.ts): its connection and the operation's id. */
export interface LiveOperationContext {
  viewer: Viewer | null;
  live: LiveConnection;
  operationId: string;
}

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * What makes two subscriptions' results for one event equal, besides the viewer: the document (parsed
 * once per text, app.ts), the operation, and the variables used below the root field. The root field's
 * own arguments (`studentId`, `after`) choose the stream and its start, never what an event looks like.
 */
function operationKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  const operation = getOperationAST(args.document, args.operationName)!;
  const used = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable: (v) => {
        used.add(v.name.value);
      },
    });
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) collect(selection);
    else {
      selection.directives?.forEach(collect);
      if (selection.selectionSet) collect(selection.selectionSet);
    }
  }
  for (const definition of args.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  const variables = args.variableValues ?? {};
  return `${id}/${args.operationName ?? ''}/${JSON.stringify([...used].sort().map((name) => variables[name] ?? null))}`;
}

/** graphql-ws's `subscribe` for live operations: see the top of this file. */
export function liveSubscribe(format: (e: GraphQLError) => GraphQLFormattedError) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const context = args.contextValue as LiveOperationContext;
    // The viewer that opened the stream is not kept: each batch of events is decided with the viewer of its moment.
    context.viewer = null;
    const stream = source[Symbol.asyncIterator]();
    if (!(stream instanceof LiveStream)) throw new Error('A live subscription streams from the outbox (realtime.ts)');
    return new FramePump(stream as LiveStream<unknown>, args, context.live, context.operationId, format);
  };
}

/**
 * The iterator graphql-ws pulls: it writes the shared frames itself until the stream ends or access does
 * (a denial: the one result graphql-ws sends itself). Driven by callbacks, not an awaiting loop, and it is
 * the stream's consumer itself (StepConsumer): an idle subscription keeps this object and graphql-ws's
 * pending `next()`, nothing else.
 */
class FramePump implements AsyncIterableIterator<ExecutionResult>, StepConsumer<unknown> {
  /** Made at the first event (an idle subscription never needs it): what its frames are shared by. */
  private key: string | undefined;
  /** graphql-ws's pending `next()`. */
  private resolve: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private reject: ((err: unknown) => void) | null = null;

  constructor(
    private readonly source: LiveStream<unknown>,
    private readonly args: ExecutionArgs,
    private readonly live: LiveConnection,
    private readonly id: string,
    private readonly format: (e: GraphQLError) => GraphQLFormattedError,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.source.take(this);
    });
  }

  /** A step of the stream: the end, a denial (answered through graphql-ws), or a frame written here before the next step is taken. */
  step(step: IteratorResult<Delivery<unknown>>) {
    if (step.done) return this.settle({ value: undefined, done: true });
    const delivery = step.value;
    if ('denial' in delivery) {
      const field = getOperationAST(this.args.document, this.args.operationName)!.selectionSet.selections[0] as FieldNode;
      const error = locatedError(delivery.denial, [field], [field.alias?.value ?? field.name.value]);
      return this.settle({ value: { data: null, errors: [error] }, done: false });
    }
    this.key ??= operationKey(this.args);
    delivery.frames
      .frame(`${this.key}\u0000${delivery.shape}`, () => this.execute(delivery))
      .then((frame) => this.live.send(`{"id":${JSON.stringify(this.id)},"type":"next","payload":${frame}}`))
      .then(
        () => this.source.take(this),
        (err: unknown) => this.fail(err),
      );
  }

  fail(err: unknown) {
    const reject = this.reject;
    this.resolve = this.reject = null;
    reject?.(err);
  }

  private settle(result: IteratorResult<ExecutionResult>) {
    const resolve = this.resolve;
    this.resolve = this.reject = null;
    resolve?.(result);
  }

  /** The event executed as graphql-js executes a subscription's event: the delivery is the root value. */
  private async execute(delivery: Exclude<Delivery<unknown>, { denial: GraphQLError }>): Promise<string> {
    const result = await execute({
      schema: this.args.schema,
      document: this.args.document,
      operationName: this.args.operationName,
      variableValues: this.args.variableValues,
      rootValue: delivery,
      contextValue: delivery.frames.batch.context(delivery.viewer),
    });
    return JSON.stringify(result.errors ? { ...result, errors: result.errors.map(this.format) } : result);
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return();
    return { value: undefined, done: true };
  }

  async throw(err?: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return();
    throw err;
  }
}
