import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs separately (packages/server, port 4000); proxying keeps the
// client on a same-origin `/graphql` in development as in production.
const proxy = {
  '/graphql': { target: 'http://localhost:4000', ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', emptyOutDir: true },
});
