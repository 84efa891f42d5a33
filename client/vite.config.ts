import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The dashboard is served by the Vigie server on one port; in development Vite proxies to it.
export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip copies of every text file beside it, made once here: the server sends the one a
    // browser accepts (express-static-gzip) and never compresses on the fly. sw.js too (public/ is copied first).
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // zod and the module that turns its eval off share one chunk, which runs before any chunk
        // building schemas: the CSP allows no eval (see src/zodJitless.ts).
        codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]zodJitless\.ts$/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: 'http://localhost:8080', ws: true },
      '/healthz': 'http://localhost:8080',
      '/api': 'http://localhost:8080',
    },
  },
});
