import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { AppError, type LimitCode } from '../kernel/errors.js';
import { graphQLErrorOf } from './error-shaping.js';

/**
 * What one GraphQL document may ask for, the same over HTTP and WebSocket. Sized for the school app's
 * biggest screens (a class journal on a wall display: about 7 levels, a few dozen fields, pages of
 * 50–100 rows) with room to spare; past them is a hostile or broken client.
 */
export const QUERY_LIMITS = {
  /** Nested selection sets; introspection's own nesting is not counted. */
  maxDepth: 12,
  /** Aliased fields per operation (fragments included); `__typename` is free. */
  maxAliases: 15,
  /** Lexical tokens per document; counted while parsing, so a huge document costs no more than the limit. */
  maxTokens: 2000,
  /** Directives per operation (`@include`, `@skip`, …). */
  maxDirectives: 20,
  /** graphql-armor's estimate: 1 per scalar, 2 per object, ×1.5 per level, × the `first`/`last` of a list. */
  maxCost: 5000,
} as const;

/** graphql-armor's error for a refused document, re-issued under our stable code without its "Syntax Error" prefix. */
const limitError = (code: LimitCode, armorError: GraphQLError) => new AppError(code, 'QUERY_LIMIT', armorError.message.replace(/^Syntax Error: /, ''));

/** Reports instead of throwing: graphql-js's `validate` (and Apollo around it) only collects reported errors. */
const reportAs =
  (code: LimitCode) =>
  (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(graphQLErrorOf(limitError(code, error)));

/** Introspection answers with the whole schema; with it off, `__schema` and `__type` are refused. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(graphQLErrorOf(new AppError('INTROSPECTION_DISABLED', 'INTROSPECTION_DISABLED', 'Introspection is disabled on this server.')));
    }
  },
});

/** The validation rules added to graphql-js's own, for Apollo's `validationRules` and the WebSocket path alike. */
export function limitRules(opts: { introspection: boolean }): ValidationRule[] {
  const quiet = { propagateOnRejection: false };
  return [
    // Fragments count as the fields they stand for: colocated component fragments must not look deeper than they are.
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, flattenFragments: true, onReject: [reportAs('QUERY_TOO_DEEP')], ...quiet }),
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, onReject: [reportAs('TOO_MANY_ALIASES')], ...quiet }),
    maxDirectivesRule({ n: QUERY_LIMITS.maxDirectives, onReject: [reportAs('TOO_MANY_DIRECTIVES')], ...quiet }),
    costLimitRule({ maxCost: QUERY_LIMITS.maxCost, onReject: [reportAs('QUERY_TOO_COSTLY')], ...quiet }),
    ...(opts.introspection ? [] : [noIntrospection]),
  ];
}

/**
 * Parses with graphql-armor's token-counting parser. The rejection is thrown from the callback so the
 * parse stops at the first token past the limit, under our code (an AppError, TOO_MANY_TOKENS).
 */
export function parseWithLimits(source: string): DocumentNode {
  const parser = new MaxTokensParserWLexer(source, {
    n: QUERY_LIMITS.maxTokens,
    onReject: [
      (_context, error) => {
        throw limitError('TOO_MANY_TOKENS', error);
      },
    ],
  });
  return parser.parseDocument();
}

/**
 * Parse and validate for a transport that does not do it itself (graphql-ws): the document, or the
 * errors with the codes Apollo gives the same failures over HTTP.
 */
export function checkDocument(
  schema: GraphQLSchema,
  source: string,
  rules: ValidationRule[],
): { document: DocumentNode; errors?: never } | { errors: GraphQLError[]; document?: never } {
  let document: DocumentNode;
  try {
    document = parseWithLimits(source);
  } catch (err) {
    // A limit's refusal (TOO_MANY_TOKENS) keeps its code; graphql-js's syntax errors get Apollo's.
    if (err instanceof AppError) return { errors: [graphQLErrorOf(err)] };
    if (!(err instanceof GraphQLError)) throw err;
    return { errors: [withCode(err, 'GRAPHQL_PARSE_FAILED')] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  return errors.length ? { errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) } : { document };
}

/** graphql-js's own errors carry no code; a limit's error keeps its own. */
const withCode = (error: GraphQLError, code: string): GraphQLError =>
  error.extensions.code
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { ...error.extensions, code },
      });
