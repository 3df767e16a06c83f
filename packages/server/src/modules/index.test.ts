import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modules } from './index.js';

describe('the modules list (modules/index.ts)', () => {
  it('names every module folder once: a new module is in the schema, the ORM and the loaders only when listed', async () => {
    const entries = await readdir(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    expect(modules.map((m) => m.name).sort()).toEqual(folders.sort());
  });

  it('gives each resolver and entity to one module only', () => {
    const resolvers = modules.flatMap((m) => m.resolvers);
    const entities = modules.flatMap((m) => m.entities);
    expect(new Set(resolvers).size).toBe(resolvers.length);
    expect(new Set(entities).size).toBe(entities.length);
  });
});
