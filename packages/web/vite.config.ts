import react from '@vitejs/plugin-react';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { defineConfig, type Plugin } from 'vite';
import { graphqlDocuments } from './vite-graphql-documents.ts';

// The API runs separately (packages/server, port 4000); proxying keeps the
// client on a same-origin `/graphql` in development as in production.
const proxy = {
  '/graphql': { target: 'http://localhost:4000', ws: true },
};

const TEXT = /\.(js|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, at the highest levels
 * (done once per build, not per request): the server sends them to browsers that accept them.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'dnevnik-precompress',
    apply: 'build',
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => TEXT.test(f));
      await Promise.all(
        files.map(async (f) => {
          const path = join(outDir, f);
          const body = await readFile(path);
          const br = await promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } });
          const gz = await promisify(gzip)(body, { level: 9 });
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [graphqlDocuments(), react(), precompress('dist')],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Few requests on a page's critical path (a phone on a slow network pays a round trip for each):
        // what the first page needs besides its entry in one chunk; what two or more of the lazy
        // bundles (the signed-in app, the screens) share, Apollo Client with it, in another; each
        // screen its own.
        codeSplitting: {
          groups: [
            { name: 'first', tags: ['$initial'], priority: 2 },
            { name: 'shared', minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
});
