import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built app is served by the Fastify server at `/` under a strict CSP:
// no inline scripts, no eval, no external origins. Vite's production output
// complies (module scripts loaded from /assets).
// MOTCUA_API_TARGET lets several developers each point a dev server at their own API process.
const API_PROXY = { '/api': { target: process.env.MOTCUA_API_TARGET ?? 'http://127.0.0.1:3000', changeOrigin: false } };

// Same policy the Fastify server applies; `vite preview` uses it so the built app
// is checked under it locally (the dev server needs inline scripts for HMR, so not there).
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: API_PROXY },
  preview: { proxy: API_PROXY, headers: { 'content-security-policy': CSP } },
});
