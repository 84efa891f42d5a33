/**
 * Every command, as a socket event, submitted to the log with the socket's principal and origin.
 * The log validates each input against its shared schema (the one check every path goes through:
 * sockets, the demo scenario), so the dispatcher here only bounds its size and shape.
 */
import { z } from 'zod';
import { commandNames, type CommandName } from '@vigie/shared';
import type { IncidentLog } from '../../../log/incidentLog.ts';
import { defineHandler, type Handler } from '../defineHandler.ts';

const AnyInput = z.unknown();

export const commandHandlers = (log: IncidentLog) =>
  Object.fromEntries(
    commandNames.map((name) => [
      name,
      defineHandler(AnyInput, (socket, input) =>
        log.submit(name, input, { principal: socket.data.principal, origin: socket.data.origin }),
      ),
    ]),
  ) as Record<CommandName, Handler>;
