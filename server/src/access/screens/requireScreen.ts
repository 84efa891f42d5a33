/** The screen an admin acts on, or not_found. */
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext } from '../accessContext.ts';
import type { ScreenRecord } from '../accessStore.ts';

export async function requireScreen(ctx: AccessContext, id: string): Promise<ScreenRecord> {
  const screen = await ctx.store.findScreen(id, ctx.now().toISOString());
  if (!screen) throw new CommandError('not_found', 'no such screen');
  return screen;
}
