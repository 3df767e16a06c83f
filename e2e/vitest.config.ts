import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['../packages/server/src/testing/global-setup.ts'],
    setupFiles: ['../packages/server/src/testing/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
