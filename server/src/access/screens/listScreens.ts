/** Every wall screen, with its pairing state and last sighting. */
import type { ScreenSummary } from '@vigie/shared/api';
import type { AccessContext } from '../accessContext.ts';

export async function listScreens(ctx: AccessContext): Promise<ScreenSummary[]> {
  return ctx.store.listScreens(ctx.now().toISOString());
}
