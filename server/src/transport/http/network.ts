/**
 * What the network says about a request, for HTTP and Socket.IO alike: the client's address
 * (forwarded addresses believed only from the proxies TRUST_PROXY names), whether it came over
 * HTTPS, and whether its Origin is one ALLOWED_ORIGINS lists (cross-site WebSocket hijacking).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyaddr from 'proxy-addr';

export interface NetworkSettings {
  /** Origins pages may be served from (`http://vigie.local:8080`), exactly as browsers send them. */
  allowedOrigins: readonly string[];
  /** Proxies whose X-Forwarded-* headers are believed: addresses, CIDRs or `loopback`; empty for none. */
  trustProxy: readonly string[];
}

export interface Network {
  trust: (address: string, hop: number) => boolean;
  address: (req: IncomingMessage) => string;
  secure: (req: IncomingMessage) => boolean;
  /** False when a browser says the request comes from another site. */
  originAllowed: (req: IncomingMessage) => boolean;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const normalize = (origin: string) => {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
};

export function network(settings: NetworkSettings): Network {
  const trust = settings.trustProxy.length ? proxyaddr.compile([...settings.trustProxy]) : () => false;
  // Read at each check: a test server adds its own origin once it knows its port.
  const allowed = (origin: string) => settings.allowedOrigins.some((o) => normalize(o) === normalize(origin));
  return {
    trust,
    address: (req) => proxyaddr(req, trust),
    secure: (req) => {
      if ((req.socket as TLSSocket).encrypted) return true;
      const proto = header(req, 'x-forwarded-proto')?.split(',')[0]?.trim();
      return proto === 'https' && trust(req.socket.remoteAddress ?? '', 0);
    },
    originAllowed: (req) => {
      const origin = header(req, 'origin');
      // Browsers send Origin on every cross-origin request and every WebSocket; same-origin GETs
      // may omit it, and then Sec-Fetch-Site says where the request came from.
      if (origin !== undefined) return normalize(origin) !== null && allowed(origin);
      const site = header(req, 'sec-fetch-site');
      return site === undefined || site === 'same-origin' || site === 'none';
    },
  };
}
