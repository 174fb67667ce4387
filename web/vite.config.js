import { defineConfig } from 'vite';

// The server serves dist/ at "/"; in development, Vite proxies the server's routes to a local gridmap.
const server = process.env.GRIDMAP_URL || 'http://localhost:7070';
const proxy = Object.fromEntries(['/tiles', '/ogc', '/api', '/health'].map((path) => [path, { target: server }]));

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy },
  preview: { proxy },
});
