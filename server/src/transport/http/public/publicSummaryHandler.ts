/**
 * GET /synthese (the page, `?lang=en` in English) and GET /api/v1/public/summary (its JSON), answered
 * ahead of Express straight from memory: no account, no session looked up, no request budget, no
 * line in the request log (a press spike would drown it, as health probes would), the same answer for
 * everyone, with the security headers every response carries. Express's routing and middleware would
 * cost several times the answer itself, at the moment a spike hits.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicPaths, type Lang } from '@vigie/shared';
import type { Network } from '../network.ts';
import { sendRepresentation } from '../representation.ts';
import { securityHeaderSet } from '../securityHeaders.ts';
import type { PublicSummaryResource } from './publicSummaryResource.ts';

/** Answers a request for the public summary and returns true; false for any other request (left to Express). */
export function publicSummaryHandler(
  resource: PublicSummaryResource,
  net: Network,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path === publicPaths.page) {
      const lang: Lang = query !== -1 && new URLSearchParams(url.slice(query + 1)).get('lang') === 'en' ? 'en' : 'fr';
      sendRepresentation(req, res, resource.page(lang), securityHeaderSet(net, req));
      return true;
    }
    if (path === publicPaths.summary) {
      sendRepresentation(req, res, resource.json(), securityHeaderSet(net, req));
      return true;
    }
    return false;
  };
}
