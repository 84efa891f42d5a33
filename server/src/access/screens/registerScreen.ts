/** Registers a wall screen by name and returns its first pairing link. */
import type { Pairing } from '@vigie/shared/api';
import { newId } from '../../ids.ts';
import type { AccessContext, Caller } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { newPairing } from './newPairing.ts';

export async function registerScreen(ctx: AccessContext, name: string, caller: Caller): Promise<Pairing> {
  const id = newId();
  await ctx.store.createScreen({
    id,
    name,
    createdAt: ctx.now().toISOString(),
    pairedAt: null,
    lastSeenAt: null,
    revokedAt: null,
  });
  await journalBy(ctx, caller, 'screen registered', id);
  return newPairing(ctx, id, caller);
}
