/** Every command, as a socket event: validated, then submitted to the log with the socket's principal and origin. */
import { commandNames, commandSchemas } from '@vigie/shared';
import type { IncidentLog } from '../../../log/incidentLog.ts';
import { defineHandler } from '../defineHandler.ts';
import type { VigieSocket } from '../io.ts';

export function registerCommandHandlers(socket: VigieSocket, log: IncidentLog): void {
  for (const name of commandNames) {
    defineHandler(socket, name, commandSchemas[name], (input) =>
      log.submit(name, input, { principal: socket.data.principal, origin: socket.data.origin }),
    );
  }
}
