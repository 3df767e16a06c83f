/**
 * Trusted documents. Codegen lists every GraphQL document of the web app in a manifest (SHA-256 →
 * text, `packages/web/src/gql/persisted-documents.json`); the production web app sends only the hash.
 * A request names a document by `extensions.persistedQuery.sha256Hash` (Apollo's form) or by
 * `documentId: "sha256:…"` (GraphQL over HTTP's), and the manifest's text is what runs. With
 * TRUSTED_DOCUMENTS on (the production default), the text of any other document runs only for a
 * session with the API scope (`login(scope: API)`); with it off, for anyone. The same resolution
 * serves HTTP and WebSocket.
 */
import type express from 'express';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { AppError } from '../kernel/errors.js';
import { graphQLErrorOf } from './error-shaping.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /** The manifest at `path`; every entry's hash is checked against its text. Missing: empty, unless `required`. */
  static load(path: string, opts: { required: boolean; log: Logger }): TrustedDocuments {
    if (!existsSync(path)) {
      if (opts.required) throw new Error(`TRUSTED_DOCUMENTS is on but there is no manifest at ${path}: run \`pnpm codegen\``);
      opts.log.warn({ path }, 'no trusted documents manifest: documents are accepted by their text only');
      return new TrustedDocuments(new Map());
    }
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const byHash = new Map<string, string>();
    for (const [key, text] of Object.entries(manifest)) {
      const hash = key.replace(/^sha256:/, '');
      if (typeof text !== 'string' || sha256(text) !== hash) throw new Error(`the manifest ${path} lists ${key} with a document of another hash`);
      byHash.set(hash, text);
    }
    return new TrustedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The text of every trusted document. */
  texts(): IterableIterator<string> {
    return this.byHash.values();
  }

  /**
   * The document to run for a request, or an error; null when the request names no document at all
   * (the transport answers that as a malformed request).
   */
  async resolve(
    request: { query?: unknown; documentId?: unknown; extensions?: unknown },
    opts: { enforce: boolean; apiScope: () => boolean | Promise<boolean> },
  ): Promise<{ query: string } | { error: AppError } | null> {
    const hash = requestedHash(request);
    const known = hash ? this.byHash.get(hash) : undefined;
    if (known) return { query: known };
    const text = typeof request.query === 'string' && request.query !== '' ? request.query : null;
    if (!text) {
      return hash ? { error: new AppError('PERSISTED_QUERY_NOT_FOUND', 'UNKNOWN_DOCUMENT', 'No trusted document has this hash.') } : null;
    }
    if (opts.enforce && !(await opts.apiScope())) {
      return {
        error: new AppError(
          'TRUSTED_DOCUMENT_REQUIRED',
          'API_SCOPE_REQUIRED',
          "This server runs the web app's documents, sent by their hash; other documents need a session with the API scope.",
        ),
      };
    }
    return { query: text };
  }
}

/** The SHA-256 a request names, without the `sha256:` prefix. */
function requestedHash(request: { documentId?: unknown; extensions?: unknown }): string | null {
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  const id = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : request.documentId;
  return typeof id === 'string' && id ? id.replace(/^sha256:/, '') : null;
}

/**
 * Express middleware before Apollo: a named document becomes the request's `query` (Apollo's own
 * persisted queries are off), a refused one is answered 400 here. GET requests name theirs in the URL.
 */
export function trustedDocumentsMiddleware(
  documents: TrustedDocuments,
  opts: { enforce: boolean; apiScope: (req: express.Request) => Promise<boolean>; format: (e: GraphQLError) => GraphQLFormattedError },
): express.RequestHandler {
  return (req, res, next) => {
    const get = req.method === 'GET';
    const params = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    const body: unknown = get ? null : req.body;
    if (!get && (typeof body !== 'object' || body === null || Array.isArray(body))) return next();
    const request = get
      ? { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions: parseJson(params.get('extensions')) }
      : (body as { query?: unknown; documentId?: unknown; extensions?: Record<string, unknown> });
    documents.resolve(request, { enforce: opts.enforce, apiScope: () => opts.apiScope(req) }).then((resolved) => {
      if (!resolved) return next();
      if ('error' in resolved) {
        res.status(400).json({ errors: [opts.format(graphQLErrorOf(resolved.error))] });
        return;
      }
      if (get) {
        params.set('query', resolved.query);
        params.delete('documentId');
        const { persistedQuery: _named, ...extensions } = (request.extensions ?? {}) as Record<string, unknown>;
        if (Object.keys(extensions).length) params.set('extensions', JSON.stringify(extensions));
        else params.delete('extensions');
        req.url = `${req.url.split('?')[0]}?${params}`;
      } else {
        const { documentId: _id, extensions, ...rest } = body as { documentId?: unknown; extensions?: Record<string, unknown> | null };
        const { persistedQuery: _named, ...other } = extensions ?? {};
        req.body = { ...rest, query: resolved.query, ...(Object.keys(other).length ? { extensions: other } : {}) };
      }
      next();
    }, next);
  };
}

function parseJson(raw: string | null): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined; // Apollo answers a malformed `extensions` itself
  }
}
