/**
 * Handshake authentication: who the socket is and which audience it receives. Until sign-in
 * exists, a declared identity is accepted only under the development setting (off by default);
 * everyone else reads as a viewer, or as the public when it asks for the public summary.
 */
import { HandshakeSchema, type Audience } from '@vigie/shared';
import type { Principal } from '../../domain/context.ts';
import { can } from '../../policies/can.ts';
import type { VigieServer, VigieSocket } from './io.ts';

export function useHandshakeAuth(io: VigieServer, options: { devIdentity: boolean }): void {
  io.use((socket: VigieSocket, next) => {
    const parsed = HandshakeSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) return next(new Error('invalid_payload'));
    const { devIdentity, audience: requested, position } = parsed.data;
    if (devIdentity && !options.devIdentity) return next(new Error('unauthorized'));
    const principal: Principal | null = devIdentity
      ? { actor: { kind: 'person', id: devIdentity.id, name: devIdentity.name }, roles: [devIdentity.role] }
      : null;
    const audience: Audience = requested ?? (principal && can(principal, 'read:staff') ? 'staff' : 'viewer');
    if (audience === 'staff' && !(principal && can(principal, 'read:staff'))) return next(new Error('forbidden'));
    socket.data = {
      principal,
      audience,
      origin: { sessionId: principal ? `dev:${socket.id}` : null, address: socket.handshake.address },
      position: position ?? { logId: null, seq: 0 },
    };
    next();
  });
}
