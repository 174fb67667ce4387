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
    // the map, and the resident's errand lookup (a small page of its own, served at /lookup)
    rollupOptions: { input: { main: 'index.html', lookup: 'lookup.html' } },
  },
  server: { proxy },
  preview: { proxy },
});
