import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built app is served by the Fastify server at `/` under a strict CSP:
// no inline scripts, no eval, no external origins. Vite's production output
// complies (module scripts loaded from /assets).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
