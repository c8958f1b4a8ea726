import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the hub's gateway at /dashboard; talks only to the gateway (/graphql, /auth, /reports).
export default defineConfig({
  plugins: [react()],
  base: '/dashboard/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000', '/reports': 'http://127.0.0.1:4000' } },
});
