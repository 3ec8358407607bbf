import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is built into apps/web/dist and served by the API at / (the API's own paths are /api, /health, /metrics, /admin/queues and /print) (same origin, no CDN).
 * `npm run web:dev` serves it with hot reload and forwards the API's paths to a running API on port 3000.
 */
const API = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, assetsDir: 'assets' },
  server: { proxy: { '/api': API, '/health': API, '/print': API, '/metrics': API, '/admin/queues': API } },
});
