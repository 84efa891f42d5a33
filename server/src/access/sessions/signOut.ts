/** Ends the session a person signs out of. */
import type { AccessContext } from '../accessContext.ts';
import { endSessions } from './endSessions.ts';

export async function signOut(ctx: AccessContext, sessionId: string): Promise<void> {
  await endSessions(ctx, { sessionId }, 'signed-out');
}
