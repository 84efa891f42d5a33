/** The typed Socket.IO server: the shared event maps as generics, bounded inbound frames, no compression. */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { Audience, ClientToServerEvents, Origin, ServerToClientEvents, SyncPosition } from '@vigie/shared';
import type { Principal } from '../../domain/context.ts';
import { boundedParser } from './boundedParser.ts';
import { corkMultiPacketFlushes } from './corkedFlush.ts';

/** What the handshake established for a socket. */
export interface SocketData {
  /** Null for a reader without an account (allowed only where reading is open, or on the public summary). */
  principal: Principal | null;
  audience: Audience;
  origin: Origin;
  /** Where the client's copy stood when it connected. */
  position: SyncPosition;
}

export type VigieServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type VigieSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Engine-level ceiling, in bytes of one frame (or one polling request). Frames up to it are decoded
 * and, above MAX_MESSAGE_BYTES, answered `invalid_payload` "payload too large", so the client learns
 * why; a larger one closes the connection (WebSocket close code 1009, "message too big").
 */
export const ENGINE_MAX_BYTES = 1024 * 1024;

/** Headers every HTTP response of the engine carries (polling replies, the WebSocket upgrade). */
export type EngineHeaders = (req: IncomingMessage) => Readonly<Record<string, string>>;

export function createIo(
  http: HttpServer,
  allowRequest: ServerOptions['allowRequest'],
  headers?: EngineHeaders,
): VigieServer {
  const io: VigieServer = new Server(http, {
    ...(allowRequest ? { allowRequest } : {}),
    maxHttpBufferSize: ENGINE_MAX_BYTES,
    // Each broadcast is encoded once per room; per-message compression would redo it per socket.
    perMessageDeflate: false,
    serveClient: false,
    parser: boundedParser,
  });
  // Engine.io answers /socket.io/ itself, outside Express: the page's security headers are added here.
  if (headers)
    io.engine.on('headers', (out: Record<string, string>, req: IncomingMessage) => Object.assign(out, headers(req)));
  corkMultiPacketFlushes(io);
  return io;
}
