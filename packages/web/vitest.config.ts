import { defineConfig } from 'vitest/config';

/** The web app's unit tests: the parts of the client that are logic without a page (links, keys). */
export default defineConfig({
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
