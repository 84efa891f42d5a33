/** Revokes a wall screen: its sessions end and it cannot be paired again. */
import type { ScreenSummary } from '@vigie/shared/api';
import type { AccessContext, Caller } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { endSessions } from '../sessions/endSessions.ts';
import { requireScreen } from './requireScreen.ts';

export async function revokeScreen(ctx: AccessContext, screenId: string, caller: Caller): Promise<ScreenSummary> {
  await requireScreen(ctx, screenId);
  await ctx.store.updateScreen(screenId, { revokedAt: ctx.now().toISOString() });
  await endSessions(ctx, { screenId }, 'screen-revoked');
  await journalBy(ctx, caller, 'screen revoked', screenId);
  return requireScreen(ctx, screenId);
}
