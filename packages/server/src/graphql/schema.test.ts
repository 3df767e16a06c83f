import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../config.js';
import { printAppSchema } from './print-schema.js';

it('has schema.graphql in step with the server (run `pnpm schema && pnpm codegen` when this fails)', async () => {
  const committed = readFileSync(resolve(repoRoot, 'schema.graphql'), 'utf8');
  expect(committed).toBe(await printAppSchema());
});
