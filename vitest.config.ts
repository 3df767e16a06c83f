import { defineConfig } from 'vitest/config';

/** `pnpm test` runs every project: server integration + unit tests, then the browser tests. */
export default defineConfig({
  test: {
    projects: ['packages/server', 'e2e'],
  },
});
