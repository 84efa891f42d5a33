/** Serves the built dashboard and falls back to index.html for its routes. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

export function serveClient(app: Express, distDir: string): void {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('Vigie: the dashboard is not built (pnpm build).');
    });
    return;
  }
  app.use(express.static(distDir, { index: false, maxAge: '1h', setHeaders: noCacheForIndex }));
  app.get('/{*splat}', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(distDir, 'index.html'));
  });
}

function noCacheForIndex(res: express.Response, path: string) {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
