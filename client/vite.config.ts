import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by the Vigie server on one port; in development Vite proxies to it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/socket.io': { target: 'http://localhost:8080', ws: true },
      '/healthz': 'http://localhost:8080',
      '/api': 'http://localhost:8080',
    },
  },
});
