/** A client that sees a gap (or a new log) asks to be brought up to date from where it stands. */
import { SyncPositionSchema } from '@vigie/shared';
import type { Broadcaster } from '../broadcaster.ts';
import { defineHandler, type Handler } from '../defineHandler.ts';

export const syncHandlers = (broadcaster: Broadcaster): Record<'sync:request', Handler> => ({
  'sync:request': defineHandler(SyncPositionSchema, (socket, position) => ({
    ok: true,
    data: { sent: broadcaster.catchUp(socket, position) },
  })),
});
