/**
 * Live delivery does each event's work once (issue 16): the hub reads a batch's objects once and makes
 * one event per audience (realtime.ts); a subscriber's stream decides, per viewer shape, whether its
 * viewer may see it (stream.ts); here the event is executed and serialised once per (document, viewer
 * shape), and every subscriber of that shape is sent the same frame, wrapped in its operation id.
 *
 * graphql-ws's server would execute and stringify each subscriber's event itself; `liveSubscribe` is the
 * `subscribe` of our protocol server (sockets.ts) instead: the operation's source stream is opened as
 * graphql-js opens it (root rule, then the field's `subscribe`), and the pump handed back writes the shared
 * frames to the socket itself, one after another, each once the previous was taken. Only an end of access
 * (a denial) goes back through the protocol as an ordinary result, then the stream completes.
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
import type { AppError } from '../kernel/errors.js';
import { LiveStream, type Delivery, type LiveConnection, type StepConsumer } from './stream.js';
import { Frame } from './shared-frames.js';

/** What a WebSocket subscription's context carries (app.ts): its connection and the operation's id. */
export interface LiveOperationContext {
  viewer: Viewer | null;
  live: LiveConnection;
  operationId: string;
}

/** Per parsed document (parsed once per text, app.ts): its number, and per operation the variables used below the root field. */
const documents = new WeakMap<DocumentNode, { id: number; used: Map<string, string[]> }>();
let nextDocumentId = 0;

/** The variables an operation uses below its root field (its directives, selections and fragments), sorted. */
function usedVariables(document: DocumentNode, operationName: string | null | undefined): string[] {
  const operation = getOperationAST(document, operationName)!;
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
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  return [...used].sort();
}

/**
 * What makes two subscriptions' results for one event equal, besides the viewer: the document (parsed
 * once per text, app.ts), the operation, and the variables used below the root field. The root field's
 * own arguments (`studentId`, `after`) choose the stream and its start, never what an event looks like.
 */
function operationKey(args: ExecutionArgs): string {
  let document = documents.get(args.document);
  if (!document) documents.set(args.document, (document = { id: nextDocumentId++, used: new Map() }));
  const operationName = args.operationName ?? '';
  let used = document.used.get(operationName);
  // Found once per document and operation, not once per subscription: thousands subscribe with the same text.
  if (!used) document.used.set(operationName, (used = usedVariables(args.document, args.operationName)));
  const variables = args.variableValues ?? {};
  return `${document.id}/${operationName}/${JSON.stringify(used.map((name) => variables[name] ?? null))}`;
}

/** Who takes a pump's results (sockets.ts's operation): the pump holds it while it waits, nothing else. */
export interface ResultSink {
  result(step: IteratorResult<ExecutionResult>): void;
  fail(err: unknown): void;
}

/** The `subscribe` of live operations (sockets.ts): see the top of this file. */
export function liveSubscribe(format: (e: GraphQLError) => GraphQLFormattedError) {
  return async (args: ExecutionArgs): Promise<FramePump | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const context = args.contextValue as LiveOperationContext;
    // The viewer that opened the stream is not kept: each batch of events is decided with the viewer of its moment.
    context.viewer = null;
    const stream = source[Symbol.asyncIterator]();
    if (!(stream instanceof LiveStream)) throw new Error('A live subscription streams from the outbox (realtime.ts)');
    // What executing its events needs, without the operation's context (which the stream no longer needs either).
    const { schema, document, operationName, variableValues } = args;
    return new FramePump(stream as LiveStream<unknown>, { schema, document, operationName, variableValues }, context.live, context.operationId, format);
  };
}

/**
 * The results the socket pulls: it writes the shared frames itself until the stream
 * ends or access does (a denial: the one result the socket's protocol sends itself). Driven by callbacks,
 * not an awaiting loop, and it is the stream's consumer itself (StepConsumer): an idle subscription keeps
 * this object and the sink waiting for its next result, nothing else.
 */
export class FramePump implements StepConsumer<unknown> {
  /** Made at the first event (an idle subscription never needs it): what its frames are shared by. */
  private key: string | undefined;
  /** Who waits for the next result. */
  private sink: ResultSink | null = null;

  constructor(
    private readonly source: LiveStream<unknown>,
    private readonly args: ExecutionArgs,
    private readonly live: LiveConnection,
    private readonly id: string,
    private readonly format: (e: GraphQLError) => GraphQLFormattedError,
  ) {}

  /** Hands the next result to `sink` once there is one (no promise: an idle subscription keeps only the sink). */
  pull(sink: ResultSink) {
    this.sink = sink;
    this.source.take(this);
  }

  /** A step of the stream: the end, a denial (answered by the protocol, sockets.ts), or a frame written here before the next step is taken. */
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
      .frame(this.key, delivery.shape, () => this.execute(delivery))
      .then((frame) => this.live.send(frame.message(this.id)))
      .then(
        () => this.source.take(this),
        (err: unknown) => this.fail(err),
      );
  }

  fail(err: unknown) {
    const sink = this.sink;
    this.sink = null;
    sink?.fail(err);
  }

  private settle(result: IteratorResult<ExecutionResult>) {
    const sink = this.sink;
    this.sink = null;
    sink?.result(result);
  }

  /** The event executed as graphql-js executes a subscription's event: the delivery is the root value. */
  private async execute(delivery: Exclude<Delivery<unknown>, { denial: AppError }>): Promise<Frame> {
    const result = await execute({
      schema: this.args.schema,
      document: this.args.document,
      operationName: this.args.operationName,
      variableValues: this.args.variableValues,
      rootValue: delivery,
      contextValue: delivery.frames.batch.context(delivery.viewer),
    });
    return new Frame(JSON.stringify(result.errors ? { ...result, errors: result.errors.map(this.format) } : result));
  }

  /** The subscription ended (completed by the client, its socket closed). */
  async return(): Promise<void> {
    await this.source.return();
  }
}
