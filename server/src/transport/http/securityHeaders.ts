/**
 * helmet's headers with a strict CSP: everything from this origin only, no inline script, no frame.
 * `upgrade-insecure-requests` and HSTS only for requests that came over HTTPS: on a plain-HTTP LAN
 * they would send every wall screen to an HTTPS port that does not exist. The same headers go on
 * Express's responses and on engine.io's (Socket.IO polling), which Express never sees.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Network } from './network.ts';

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The headers a helmet middleware sets, collected once (its directives are static). */
function collect(middleware: ReturnType<typeof helmet>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    removeHeader: () => undefined,
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet refused its settings');
  });
  return Object.freeze(headers);
}

const overHttps = collect(
  helmet({ contentSecurityPolicy: { useDefaults: false, directives: { ...directives, upgradeInsecureRequests: [] } } }),
);
const overHttp = collect(
  helmet({ contentSecurityPolicy: { useDefaults: false, directives }, strictTransportSecurity: false }),
);

/** The security headers of a response to `req`: the one set every response carries, pages and polling alike. */
export function securityHeaderSet(net: Network, req: IncomingMessage): Readonly<Record<string, string>> {
  return net.secure(req) ? overHttps : overHttp;
}

/** Express middleware setting the security headers on every response. */
export function securityHeaders(net: Network): RequestHandler {
  return (req, res, next) => {
    for (const [name, value] of Object.entries(securityHeaderSet(net, req))) res.setHeader(name, value);
    next();
  };
}
