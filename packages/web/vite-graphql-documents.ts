import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const GQL_DIR = resolve(import.meta.dirname, 'src/gql');
const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
/** `import { ShellDocument, type ShellQuery } from '../gql/graphql';` (not `import type`). */
const NAMED_IMPORT = /^import\s*\{([^}]*)\}\s*from\s*(['"])((?:\.\.?\/)+(?:[\w-]+\/)*gql\/graphql)(?:\.ts)?\2;?[ \t]*$/gm;
const ENTRY = /^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm;
const CONSTANT = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
/** A module of one document: `\0gql-document:<name>`, its default export. */
const VIRTUAL = '\0gql-document:';

/** graphql.ts: each document's constant name → its JSON (the parsed document, with its hash). */
function documentBodies(): Map<string, string> {
  const types = readFileSync(resolve(GQL_DIR, 'graphql.ts'), 'utf8');
  return new Map([...types.matchAll(CONSTANT)].map((m) => [m[1], m[2]]));
}

/** codegen's map in gql.ts: each document's source text → the name of its constant in graphql.ts. */
function documentNames(): Map<string, string> {
  const gql = readFileSync(resolve(GQL_DIR, 'gql.ts'), 'utf8');
  const runtime = gql.slice(gql.indexOf('const documents'));
  return new Map([...runtime.matchAll(ENTRY)].map((m) => [JSON.parse(m[1]) as string, m[2]]));
}

/**
 * `graphql(`…`)` calls replaced by an import of that one document, as codegen's Babel optimizer does:
 * the runtime `graphql()` looks the text up in a map of every document of the app, which would put
 * all of them (about 200 KB) into the first bundle. Each document is a module of its own (graphql.ts
 * is one module, which a bundler does not split), so each bundle holds only the documents it uses.
 * A document imported from graphql.ts by its constant's name is that same module.
 * Production builds only; a call whose text codegen does not know fails the build.
 */
export function graphqlDocuments(): Plugin {
  let names = new Map<string, string>();
  let bodies = new Map<string, string>();
  return {
    name: 'dnevnik-graphql-documents',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      names = documentNames();
      bodies = documentBodies();
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? id : null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const body = bodies.get(id.slice(VIRTUAL.length));
      if (!body) this.error(`${id.slice(VIRTUAL.length)} is not in src/gql/graphql.ts: run \`pnpm codegen\``);
      return `export default ${body};\n`;
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(GQL_DIR) || !(code.includes('graphql(') || code.includes('gql/graphql'))) return null;
      const imports = new Set<string>();
      // A document imported by its constant's name (routing/screens.ts sends some before their
      // screen's bundle arrives) is the same module as that document's `graphql()` call.
      const withImports = code.replace(NAMED_IMPORT, (statement, list: string, _quote, from: string) => {
        const specifiers = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const kept: string[] = [];
        const documents: string[] = [];
        for (const specifier of specifiers) {
          const [name, local = name] = specifier.split(/\s+as\s+/);
          if (bodies.has(name)) documents.push(`import ${local} from ${JSON.stringify(VIRTUAL + name)};`);
          else kept.push(specifier);
        }
        if (documents.length === 0) return statement;
        const lines = '\n'.repeat(statement.split('\n').length - 1);
        return [...(kept.length > 0 ? [`import { ${kept.join(', ')} } from '${from}';`] : []), ...documents].join(' ') + lines;
      });
      const out = withImports.replace(CALL, (_call, text: string) => {
        const name = names.get(text);
        if (!name || !bodies.has(name) || text.includes('${') || text.includes('\\')) {
          this.error(`a graphql() document in ${id} is not in src/gql/gql.ts: run \`pnpm codegen\``);
        }
        imports.add(name);
        // The same number of lines, so that the rest of the file keeps its line numbers.
        return `__gql_${name}${'\n'.repeat(text.split('\n').length - 1)}`;
      });
      if (out === code) return null;
      const list = [...imports].map((n) => `import __gql_${n} from ${JSON.stringify(VIRTUAL + n)};`).join('\n');
      return { code: `${out}\n${list}\n`, map: null };
    },
  };
}
