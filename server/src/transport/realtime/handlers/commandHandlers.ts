/**
 * Every command, as a socket event, submitted to the log with the socket's principal and origin.
 * The log validates each input against its shared schema (the one check every path goes through:
 * sockets, the demo scenario), so the wrapper here only bounds its size and shape.
 */
import { z } from 'zod';
import { commandNames } from '@vigie/shared';
import type { IncidentLog } from '../../../log/incidentLog.ts';
import { defineHandler } from '../defineHandler.ts';
import type { VigieSocket } from '../io.ts';

const AnyInput = z.unknown();

export function registerCommandHandlers(socket: VigieSocket, log: IncidentLog): void {
  for (const name of commandNames) {
    defineHandler(socket, name, AnyInput, (input) =>
      log.submit(name, input, { principal: socket.data.principal, origin: socket.data.origin }),
    );
  }
}
