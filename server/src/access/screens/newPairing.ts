/** A new pairing link for a screen (its earlier unused ones no longer pair); the secret is shown once. */
import type { Pairing } from '@vigie/shared/api';
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext, Caller } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { digest, randomToken } from '../secrets.ts';
import { requireScreen } from './requireScreen.ts';

export async function newPairing(ctx: AccessContext, screenId: string, caller: Caller): Promise<Pairing> {
  const screen = await requireScreen(ctx, screenId);
  if (screen.revokedAt !== null) throw new CommandError('conflict', 'this screen is revoked: register it again');
  const secret = randomToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.pairingTtlMs);
  await ctx.store.addPairing({ hash: digest(secret), subjectId: screenId, expiresAt: expiresAt.toISOString() });
  await journalBy(ctx, caller, 'pairing link issued', screenId);
  return { screen: await requireScreen(ctx, screenId), secret, expiresAt: expiresAt.toISOString() };
}
