#!/usr/bin/env node
/**
 * Run by `pnpm codegen` after it writes src/gql (codegen.ts, `afterAllFileWrite`). `@unmask` only tells
 * Apollo's data masking to hand a fragment's fields to the parent too: Apollo leaves it out of what it
 * sends, and the server does not know the directive. The manifest (persisted-documents.json) therefore
 * holds each document as Apollo sends it, named by that text's SHA-256; the document Apollo keeps
 * (graphql.ts, with the directive) carries the same hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const gql = (file) => fileURLToPath(new URL(`../src/gql/${file}`, import.meta.url));
const MANIFEST = gql('persisted-documents.json');
const DOCUMENTS = gql('graphql.ts');

const sent = (text) => text.replace(/ @unmask(\([^)]*\))?/g, '');
const hashOf = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
let documents = readFileSync(DOCUMENTS, 'utf8');
const rewritten = Object.fromEntries(
  Object.entries(manifest).map(([hash, text]) => {
    const text2 = sent(text);
    if (text2 === text) return [hash, text];
    const hash2 = hashOf(text2);
    documents = documents.replaceAll(`"hash":"${hash}"`, `"hash":"${hash2}"`);
    return [hash2, text2];
  }),
);
writeFileSync(MANIFEST, JSON.stringify(rewritten, null, 2));
writeFileSync(DOCUMENTS, documents);
