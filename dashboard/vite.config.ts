import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the hub's portal at /dashboard; talks only to the portal (/graphql, passed on to the gateway, /auth,
// /reports, /jobs). `@hub/domain` is its browser-safe part, bundled from source: the same code lists and
// role table as the services.
export default defineConfig({
  plugins: [react()],
  base: '/dashboard/',
  resolve: { alias: { '@hub/domain': fileURLToPath(new URL('../domain/src/browser.ts', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:4007',
      '/auth': 'http://127.0.0.1:4007',
      '/reports': 'http://127.0.0.1:4007',
      '/jobs': 'http://127.0.0.1:4007',
    },
  },
});
