/**
 * One write per flush: when engine.io hands a WebSocket several packets at once (the replies to a
 * commander's requests committed in one batch), the TCP socket is corked around them, so they
 * leave in one system call instead of one each. The flush and drain events bracket the send.
 */
import type { Socket as NetSocket } from 'node:net';

interface EngineSocket {
  transport: { name: string; socket?: { _socket?: NetSocket } };
}

/** The TCP socket under a WebSocket transport (`ws` keeps it as `_socket`), or null on long-polling. */
const tcpOf = (socket: EngineSocket): NetSocket | null =>
  socket.transport.name === 'websocket' ? (socket.transport.socket?._socket ?? null) : null;

/** The engine.io server's flush and drain events (a structural type: io.ts installs this on its server). */
interface Engine {
  on(event: 'flush', listener: (socket: EngineSocket, packets: unknown[]) => void): unknown;
  on(event: 'drain', listener: (socket: EngineSocket) => void): unknown;
}

export function corkMultiPacketFlushes(io: { engine: Engine }): void {
  const corked = new WeakMap<EngineSocket, NetSocket>();
  io.engine.on('flush', (socket: EngineSocket, packets: unknown[]) => {
    const tcp = packets.length > 1 ? tcpOf(socket) : null;
    if (!tcp) return;
    tcp.cork();
    corked.set(socket, tcp);
  });
  io.engine.on('drain', (socket: EngineSocket) => {
    corked.get(socket)?.uncork();
    corked.delete(socket);
  });
}
