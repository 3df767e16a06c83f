import { defineConfig } from 'vitest/config';

/** `pnpm test` runs every project: server integration + unit tests, the web app's unit tests, then the browser tests. */
export default defineConfig({
  test: {
    projects: ['packages/server', 'packages/web', 'e2e'],
  },
});
