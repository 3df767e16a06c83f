#!/usr/bin/env node
/**
 * Which root fields of the schema (Query, Mutation, Subscription) no document of the web app calls
 * (persisted-documents.json, written by codegen), and which of those docs/API.md does not explain
 * (its table «Fields the web app does not call»: `Type.field` and who uses it instead).
 *
 *   node packages/web/scripts/api-coverage.mjs        prints the unexplained ones; exit code 1 if any
 *   node packages/web/scripts/api-coverage.mjs --all  also lists the explained ones
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, parse } from 'graphql';

const root = (path) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const ROOTS = ['Query', 'Mutation', 'Subscription'];
const EXPLAINED = /^\|\s*`(Query|Mutation|Subscription)\.(\w+)`\s*\|\s*([^|]*\S[^|]*)\|/;

/** `Type.field` of every root field the schema has. */
export function schemaRootFields(sdl = readFileSync(root('schema.graphql'), 'utf8')) {
  const schema = buildSchema(sdl);
  return ROOTS.flatMap((name) => {
    const type = schema.getType(name);
    return type ? Object.keys(type.getFields()).map((field) => `${name}.${field}`) : [];
  });
}

/** `Type.field` of every root field some web app document selects (directly or through a fragment on the root type). */
export function calledRootFields(manifest = JSON.parse(readFileSync(root('packages/web/src/gql/persisted-documents.json'), 'utf8'))) {
  const called = new Set();
  for (const text of Object.values(manifest)) {
    const document = parse(text);
    const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    for (const op of document.definitions) {
      if (op.kind !== Kind.OPERATION_DEFINITION) continue;
      const type = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[op.operation];
      const visit = (selectionSet) => {
        for (const s of selectionSet.selections) {
          if (s.kind === Kind.FIELD) called.add(`${type}.${s.name.value}`);
          else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
          else if (s.kind === Kind.FRAGMENT_SPREAD && fragments.has(s.name.value)) visit(fragments.get(s.name.value).selectionSet);
        }
      };
      visit(op.selectionSet);
    }
  }
  called.delete('Query.__typename');
  return called;
}

/** `Type.field` → who uses it instead, from docs/API.md. */
export function explainedRootFields(markdown = readFileSync(root('docs/API.md'), 'utf8')) {
  const explained = new Map();
  for (const line of markdown.split('\n')) {
    const m = line.match(EXPLAINED);
    if (m) explained.set(`${m[1]}.${m[2]}`, m[3].trim());
  }
  return explained;
}

/** The coverage report: root fields not called by the web app, split by whether docs/API.md explains them. */
export function apiCoverage() {
  const called = calledRootFields();
  const explained = explainedRootFields();
  const all = schemaRootFields();
  const uncalled = all.filter((f) => !called.has(f));
  return {
    total: all.length,
    called: all.length - uncalled.length,
    explained: uncalled.filter((f) => explained.has(f)).map((f) => ({ field: f, usedBy: explained.get(f) })),
    unexplained: uncalled.filter((f) => !explained.has(f)),
    // A line about a field the web app now calls, or one the schema no longer has, is out of date.
    stale: [...explained.keys()].filter((f) => !all.includes(f) || called.has(f)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = apiCoverage();
  console.log(`${report.called} of ${report.total} root fields are called by the web app; ${report.explained.length} others are explained in docs/API.md.`);
  if (process.argv.includes('--all')) for (const { field, usedBy } of report.explained) console.log(`  ${field}: ${usedBy}`);
  for (const field of report.unexplained) console.log(`UNEXPLAINED ${field}`);
  for (const field of report.stale) console.log(`STALE docs/API.md line for ${field}`);
  process.exitCode = report.unexplained.length || report.stale.length ? 1 : 0;
}
