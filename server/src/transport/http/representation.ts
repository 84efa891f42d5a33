/**
 * A body kept ready in each encoding a browser may take (brotli, gzip, none), with a strong ETag
 * per encoding, sent with no work per request beyond a header lookup: what changes rarely and is
 * read often (the dashboard's page, the public summary) is compressed once, not on every request.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import Negotiator from 'negotiator';

const encodings = ['br', 'gzip', 'identity'] as const;
type Encoding = (typeof encodings)[number];

export interface Representation {
  readonly contentType: string;
  readonly bodies: Readonly<Record<Encoding, Buffer>>;
  readonly etags: Readonly<Record<Encoding, string>>;
}

/** Compresses `body` once in both encodings; its ETags change exactly when its bytes do. */
export function buildRepresentation(body: string | Buffer, contentType: string): Representation {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  return {
    contentType,
    bodies: {
      br: brotliCompressSync(identity, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
      gzip: gzipSync(identity, { level: 9 }),
      identity,
    },
    // Each encoding is its own representation (RFC 9110 §8.8.3): a cache never serves one for another.
    etags: { br: `"${tag}-br"`, gzip: `"${tag}-gz"`, identity: `"${tag}"` },
  };
}

// @types/negotiator (0.6) predates the server's own preference for ties, which negotiator 1.1 takes.
type EncodingNegotiator = { encoding(available: readonly string[], options: { preferred: readonly string[] }): string };

/** Accept-Encoding values seen, and the encoding each gets: browsers send a handful of them. */
const chosen = new Map<string, Encoding>();

/** Brotli where the client accepts it (Chromium lists gzip first, at the same weight), then gzip, else none. */
function negotiate(req: Request): Encoding {
  const header = req.headers['accept-encoding'] ?? '';
  let encoding = chosen.get(header);
  if (encoding === undefined) {
    const negotiator = new Negotiator(req) as unknown as EncodingNegotiator;
    encoding = (negotiator.encoding(encodings, { preferred: encodings }) as Encoding | undefined) ?? 'identity';
    // Bounded whatever clients send.
    if (chosen.size >= 256) chosen.clear();
    chosen.set(header, encoding);
  }
  return encoding;
}

/**
 * Sends the representation the client accepts with `cacheControl`, or 304 when the client's copy
 * (If-None-Match) is still current. HEAD gets the headers alone.
 */
export function sendRepresentation(req: Request, res: Response, rep: Representation, cacheControl: string): void {
  const encoding = negotiate(req);
  res.setHeader('Content-Type', rep.contentType);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', rep.etags[encoding]);
  // Express's freshness check: If-None-Match against the ETag just set (weak comparison, as RFC 9110 asks).
  if (req.fresh) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = rep.bodies[encoding];
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
