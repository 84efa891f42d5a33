/**
 * Serves the built dashboard, each file in the encoding the browser accepts from the brotli and gzip
 * copies the build made beside it (express-static-gzip): nothing is compressed per request. Hashed
 * files (/assets/) never change under their name: cached a year, immutable. Everything else — the
 * page, the service worker — is revalidated on each use (no-cache, ETag, 304), so a new build is
 * taken at once and a service worker never stays pinned to an old one. The dashboard's routes get its page.
 */
import type { ServerResponse } from 'node:http';
import { relative, sep } from 'node:path';
import type { Express } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { buildRepresentation, sendRepresentation } from './representation.ts';
import type { ShellPage } from './shellPage.ts';

/** For files whose name holds their content's hash. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function serveClient(app: Express, distDir: string, shell: ShellPage): void {
  if (!shell.built) {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('Vigie: the dashboard is not built (pnpm build).');
    });
    return;
  }
  const cacheControl = (res: ServerResponse, path: string) =>
    res.setHeader('Cache-Control', relative(distDir, path).split(sep)[0] === 'assets' ? IMMUTABLE : 'no-cache');
  app.use(
    expressStaticGzip(distDir, {
      enableBrotli: true,
      // Chromium lists gzip before br at the same weight: brotli is smaller, take it when accepted.
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, cacheControl: false, setHeaders: cacheControl },
    }),
  );
  // A hashed file that is not there (a page of an older build asking for its chunk) is missing, not the
  // page: the browser would try to run HTML as a script.
  app.use('/assets', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  const page = buildRepresentation(shell.html, { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
  app.get('/{*splat}', (req, res) => sendRepresentation(req, res, page));
}
