import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql must load once: two copies break `instanceof` checks inside graphql-js.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    // One real PostgreSQL for the run; every test file gets its own database cloned from a template.
    globalSetup: ['src/testing/global-setup.ts'],
    setupFiles: ['src/testing/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
