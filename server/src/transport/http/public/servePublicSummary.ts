/**
 * GET /synthese (the page, `?lang=en` in English) and GET /api/v1/public/summary (its JSON): no
 * account, no session looked up, no request budget — the answer is the same for everyone, kept ready.
 */
import { publicPaths } from '@vigie/shared';
import type { Express } from 'express';
import { sendRepresentation } from '../representation.ts';
import type { PublicSummaryResource } from './publicSummaryResource.ts';

/**
 * A reverse proxy may answer for 5 s, then keep answering with its copy for up to 10 s more while it
 * revalidates in the background (a 304 most of the time): a spike reaches Vigie as about one request
 * per 5 s per proxy, and a newly published point reaches its readers within seconds (the page's
 * socket shows it at once). Longer would leave a superseded point up; shorter would pass the spike on.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=10';

export function servePublicSummary(app: Express, resource: PublicSummaryResource): void {
  app.get(publicPaths.page, (req, res) => {
    sendRepresentation(req, res, resource.page(req.query.lang === 'en' ? 'en' : 'fr'), PUBLIC_CACHE_CONTROL);
  });
  app.get(publicPaths.summary, (req, res) => {
    sendRepresentation(req, res, resource.json(), PUBLIC_CACHE_CONTROL);
  });
}
