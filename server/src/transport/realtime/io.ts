/** The typed Socket.IO server: the shared event maps as generics, small inbound messages, no compression. */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type {
  Audience,
  ClientToServerEvents,
  Origin,
  ServerToClientEvents,
  SessionInfo,
  SyncPosition,
} from '@vigie/shared';
import type { Principal } from '../../domain/context.ts';
import { corkMultiPacketFlushes } from './corkedFlush.ts';

/** What the handshake established for a socket. */
export interface SocketData {
  /** Null for a reader without an account (allowed only where reading is open, or on the public summary). */
  principal: Principal | null;
  /** Who the socket is, as its client is told (`session:info`). */
  session: SessionInfo;
  audience: Audience;
  origin: Origin;
  /** Where the client's copy stood when it connected. */
  position: SyncPosition;
}

export type VigieServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type VigieSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Engine-level ceiling: larger frames close the connection; handlers refuse anything above MAX_MESSAGE_BYTES with a reply. */
export const ENGINE_MAX_BYTES = 96 * 1024;

export function createIo(http: HttpServer, allowRequest: ServerOptions['allowRequest']): VigieServer {
  const io: VigieServer = new Server(http, {
    ...(allowRequest ? { allowRequest } : {}),
    maxHttpBufferSize: ENGINE_MAX_BYTES,
    // Each broadcast is encoded once per room; per-message compression would redo it per socket.
    perMessageDeflate: false,
    serveClient: false,
  });
  corkMultiPacketFlushes(io);
  return io;
}
