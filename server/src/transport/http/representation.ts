/**
 * A body kept ready in each encoding a browser may take (brotli, gzip, none), with a strong ETag per
 * encoding and its response headers built once: what changes rarely and is read often (the dashboard's
 * page, the public summary) is compressed once and then sent with no work per request beyond a header
 * lookup. Plain Node request and response: it serves from Express and ahead of it alike.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import fresh from 'fresh';
import Negotiator from 'negotiator';

const encodings = ['br', 'gzip', 'identity'] as const;
type Encoding = (typeof encodings)[number];

export interface Representation {
  readonly bodies: Readonly<Record<Encoding, Buffer>>;
  readonly etags: Readonly<Record<Encoding, string>>;
  /** The headers of a 200 in each encoding. */
  readonly headers: Readonly<Record<Encoding, OutgoingHttpHeaders>>;
  /** The headers of a 304 in each encoding (RFC 9110 §15.4.5: those a 200 would carry about caching). */
  readonly notModified: Readonly<Record<Encoding, OutgoingHttpHeaders>>;
}

/** Compresses `body` once in both encodings; its ETags change exactly when its bytes do. */
export function buildRepresentation(
  body: string | Buffer,
  options: { contentType: string; cacheControl: string },
): Representation {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  // Brotli's quality 5: a page of a few KB in well under a millisecond, within 10 % of the smallest
  // (quality 11 takes several milliseconds of the event loop at every render, for 60 bytes).
  const bodies = {
    br: brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzip: gzipSync(identity),
    identity,
  };
  // Each encoding is its own representation (RFC 9110 §8.8.3): a cache never serves one for another.
  const etags = { br: `"${tag}-br"`, gzip: `"${tag}-gz"`, identity: `"${tag}"` };
  const caching = (encoding: Encoding) => ({
    'Cache-Control': options.cacheControl,
    Vary: 'Accept-Encoding',
    ETag: etags[encoding],
  });
  const full = (encoding: Encoding): OutgoingHttpHeaders => ({
    'Content-Type': options.contentType,
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    'Content-Length': bodies[encoding].length,
    ...caching(encoding),
  });
  return {
    bodies,
    etags,
    headers: { br: full('br'), gzip: full('gzip'), identity: full('identity') },
    notModified: { br: caching('br'), gzip: caching('gzip'), identity: caching('identity') },
  };
}

// @types/negotiator (0.6) predates the server's own preference for ties, which negotiator 1.1 takes.
type EncodingNegotiator = { encoding(available: readonly string[], options: { preferred: readonly string[] }): string };

/** Accept-Encoding values seen, and the encoding each gets: browsers send a handful of them. */
const chosen = new Map<string, Encoding>();

/** Brotli where the client accepts it (Chromium lists gzip first, at the same weight), then gzip, else none. */
function negotiate(req: IncomingMessage): Encoding {
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
 * Sends the representation the client accepts, or 304 when the client's copy (If-None-Match, weak
 * comparison as RFC 9110 asks) is still current; HEAD gets the headers alone. `extra`: headers every
 * response carries (the security headers, when nothing has set them on `res`).
 */
export function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
  extra?: Readonly<Record<string, string>>,
): void {
  const encoding = negotiate(req);
  if (fresh(req.headers, { etag: rep.etags[encoding] })) {
    res.writeHead(304, extra ? { ...extra, ...rep.notModified[encoding] } : rep.notModified[encoding]);
    res.end();
    return;
  }
  res.writeHead(200, extra ? { ...extra, ...rep.headers[encoding] } : rep.headers[encoding]);
  res.end(req.method === 'HEAD' ? undefined : rep.bodies[encoding]);
}
