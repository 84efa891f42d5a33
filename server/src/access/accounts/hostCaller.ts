/** The caller of what is done from the server host (`pnpm admin`, the demo's sign-in). */
import type { Caller } from '../accessContext.ts';

export const hostCaller = (): Caller => ({
  principal: { actor: { kind: 'system', id: 'server-host', name: 'serveur' }, roles: [] },
  origin: { sessionId: null, address: null },
});
