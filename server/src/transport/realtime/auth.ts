/**
 * Handshake authentication. The Origin is checked before anything else (on the WebSocket upgrade
 * and on polling alike), then the session cookie says who the socket is and which audience it
 * receives; without a session only the public summary, or reading where it is open, gets through.
 * Each connection renews the session cookie, so a wall screen stays signed in indefinitely.
 */
import type { IncomingMessage } from 'node:http';
import {
  HandshakeSchema,
  type Audience,
  type SessionEndReason,
  type SessionInfo,
  type SyncPosition,
} from '@vigie/shared';
import type { Access, ResolvedSession } from '../../access/access.ts';
import { can } from '../../policies/can.ts';
import type { Network } from '../http/network.ts';
import { readSessionToken, sessionCookie } from '../http/sessionCookie.ts';
import type { VigieServer, VigieSocket } from './io.ts';
import { Admission } from './admission.ts';

/** New connections let through per event-loop turn (each is upgraded, signed in and sent its first message). */
const HANDSHAKES_PER_TURN = 8;

/** Where a client with no copy stands: one shared value, not an object per connection. */
const NO_POSITION: SyncPosition = Object.freeze({ logId: null, seq: 0 });

export interface HandshakeDeps {
  access: Access;
  net: Network;
}

/** The `allowRequest` hook of the server, and the middleware that completes the handshake. */
export function handshakeAuth({ access, net }: HandshakeDeps) {
  const sessions = new WeakMap<IncomingMessage, ResolvedSession | null>();
  const resolve = async (req: IncomingMessage) => {
    if (!sessions.has(req)) sessions.set(req, await access.resolve(readSessionToken(req)));
    return sessions.get(req) ?? null;
  };

  const admission = new Admission(HANDSHAKES_PER_TURN);
  const allowRequest = (req: IncomingMessage, done: (error: string | null | undefined, ok: boolean) => void) => {
    if (!net.originAllowed(req)) return done('forbidden', false);
    admission.admit(() => {
      resolve(req).then(
        () => done(null, true),
        () => done('internal', false),
      );
    });
  };

  // Who a socket is, as its client is told on connecting (`session:info`, with what the policy lets it
  // do): kept only until then, not with every idle connection.
  const greetings = new WeakMap<VigieSocket, SessionInfo>();

  const attach = (io: VigieServer) => {
    io.engine.on('initial_headers', (headers: Record<string, string>, req: IncomingMessage) => {
      const session = sessions.get(req);
      const token = readSessionToken(req);
      if (session && token) headers['set-cookie'] = sessionCookie(token, session.expiresAt, net.secure(req));
    });
    io.use((socket: VigieSocket, next) => {
      const parsed = HandshakeSchema.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success) return next(new Error('invalid_payload'));
      const { audience: requested, position } = parsed.data;
      resolve(socket.request).then((session) => {
        // The socket keeps what it needs in its data; the session record, kept by the request the
        // socket holds for its whole life, would otherwise stay with every idle connection.
        sessions.delete(socket.request);
        const principal = session?.principal ?? null;
        if (!principal && requested !== 'public' && !access.options.openRead) return next(new Error('unauthorized'));
        const staff = principal !== null && can(principal, 'read:staff');
        const audience: Audience = requested ?? (staff ? 'staff' : 'viewer');
        if (audience === 'staff' && !staff) return next(new Error('forbidden'));
        greetings.set(socket, session?.info ?? access.anonymous());
        socket.data = {
          principal,
          audience,
          origin: { sessionId: session?.session.id ?? null, address: net.address(socket.request) },
          position: position ?? NO_POSITION,
        };
        next();
      }, next);
    });
    io.on('connection', (socket) => {
      const info = greetings.get(socket);
      greetings.delete(socket);
      if (info) socket.emit('session:info', info);
    });
  };

  return { allowRequest, attach };
}

/**
 * Ended sessions and changed rights close the sockets concerned at once; their clients wipe their
 * copy. Sessions with a connected person are kept alive (they would otherwise lapse after hours of
 * use without a reconnection). Returns the function that stops the keep-alive.
 */
export function manageSessions(io: VigieServer, access: Access, keepAliveMs = 5 * 60_000): () => void {
  // The sockets concerned are found by their data, not through a room per session and per person:
  // two rooms more would cost every idle connection two sets, for what happens a few times a day.
  const end = (concerned: (socket: VigieSocket) => boolean, reason: SessionEndReason) => {
    for (const socket of io.of('/').sockets.values()) {
      if (!concerned(socket)) continue;
      socket.emit('session:ended', { reason });
      socket.disconnect(true);
    }
  };
  access.onSessionsEnded = (sessionIds, reason) => {
    const ended = new Set(sessionIds);
    end((socket) => socket.data.origin.sessionId !== null && ended.has(socket.data.origin.sessionId), reason);
  };
  access.onRightsChanged = (accountId) =>
    end((socket) => socket.data.principal?.actor.id === accountId, 'roles-changed');
  const timer = setInterval(() => {
    const people = new Set<string>();
    for (const socket of io.of('/').sockets.values()) {
      const { principal, origin } = socket.data;
      if (principal?.actor.kind === 'person' && origin.sessionId) people.add(origin.sessionId);
    }
    access.keepAlive([...people]).catch(() => undefined);
  }, keepAliveMs);
  timer.unref();
  return () => clearInterval(timer);
}
