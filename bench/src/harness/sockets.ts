/** How every load generator opens a connection: WebSocket only, its own connection, the session cookie, no automatic reconnection unless asked. */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export function openSocket<S extends Socket = Socket>(
  url: string,
  cookie: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): S {
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    ...options,
  }) as S;
}
