/** A client that sees a gap (or a new log) asks to be brought up to date from where it stands. */
import { SyncPositionSchema } from '@vigie/shared';
import type { Broadcaster } from '../broadcaster.ts';
import { defineHandler } from '../defineHandler.ts';
import type { VigieSocket } from '../io.ts';

export function registerSyncHandlers(socket: VigieSocket, broadcaster: Broadcaster): void {
  defineHandler(socket, 'sync:request', SyncPositionSchema, (position) => ({
    ok: true,
    data: { sent: broadcaster.catchUp(socket, position) },
  }));
}
