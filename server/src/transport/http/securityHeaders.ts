/**
 * helmet's headers with a strict CSP: everything from this origin only, no inline script, no frame.
 * `upgrade-insecure-requests` and HSTS only for requests that came over HTTPS: on a plain-HTTP LAN
 * they would send every wall screen to an HTTPS port that does not exist.
 */
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

export function securityHeaders(net: Network): RequestHandler {
  const overHttps = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, upgradeInsecureRequests: [] } },
  });
  const overHttp = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: false,
  });
  return (req, res, next) => (net.secure(req) ? overHttps : overHttp)(req, res, next);
}
