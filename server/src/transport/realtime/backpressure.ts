/**
 * Backpressure: what the server holds for one connection and has not yet handed to the network is
 * capped. Engine.io queues a connection's packets while its transport is busy, and `ws` keeps what
 * the kernel would not take: a reader that stops reading makes both grow without end. A connection
 * over the cap is shed (its queue dropped at once, its client told why when it can still hear it):
 * its client reconnects by itself and catches up from where its copy stands. Broadcasts are encoded
 * once and written to every socket of a room, so the cap is checked by a periodic sweep over every
 * connection (and by the broadcaster before a catch-up), not where a message is built.
 */
import type { Shed } from '@vigie/shared';
import type { Logger } from '../../logger.ts';
import type { VigieServer, VigieSocket } from './io.ts';

/** The engine.io internals read here (engine.io 6, `ws` 8): not part of their typed API. */
interface EnginePacket {
  data?: string | Buffer | ArrayBuffer;
  options?: { wsPreEncodedFrame?: Buffer[] };
}
interface EngineSocket {
  writeBuffer: EnginePacket[];
  transport: {
    name: string;
    socket?: { bufferedAmount: number; terminate: () => void };
  };
  sendPacket: (type: 'noop', data: undefined, options: object, callback: () => void) => void;
  close: (discard?: boolean) => void;
  readyState: string;
}

const engineOf = (socket: VigieSocket) => socket.conn as unknown as EngineSocket;

/**
 * What a queued packet costs beyond its data (the packet, its options, its place in the queue): a
 * flood of small replies to a reader that stopped costs memory too.
 */
const PACKET_OVERHEAD = 256;

const packetBytes = ({ data, options }: EnginePacket) => {
  const frame = options?.wsPreEncodedFrame;
  if (frame) return PACKET_OVERHEAD + frame.reduce((sum, b) => sum + b.length, 0);
  // String length, not UTF-8 bytes: close enough for JSON, and measured without walking it.
  return PACKET_OVERHEAD + (typeof data === 'string' ? data.length : (data?.byteLength ?? 0));
};

/** Bytes queued for `socket` and not yet handed to the kernel: engine.io's queue plus the WebSocket's buffer. */
export function queuedBytes(socket: VigieSocket): number {
  const engine = engineOf(socket);
  let bytes = 0;
  for (const packet of engine.writeBuffer) bytes += packetBytes(packet);
  if (engine.transport.name === 'websocket') bytes += engine.transport.socket?.bufferedAmount ?? 0;
  return bytes;
}

/**
 * Calls `done` once everything queued for `socket` so far has been handed to the kernel: a no-op
 * packet (one byte, ignored by clients) carries the callback, which engine.io runs when the batch
 * holding it has been written.
 */
export function whenWritten(socket: VigieSocket, done: () => void): void {
  engineOf(socket).sendPacket('noop', undefined, {}, done);
}

/** How long a shed connection has to take its notice before it is cut. */
const SHED_GRACE_MS = 5000;

export interface BackpressureOptions {
  /** Most bytes the server may hold for one connection. */
  maxQueuedBytes: number;
  /** How often every connection is checked. */
  checkEveryMs: number;
  logger: Logger;
}

export class Backpressure {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: VigieServer,
    private readonly options: BackpressureOptions,
  ) {}

  /** Starts the periodic sweep (the timer does not keep the process alive). */
  start(): void {
    this.timer ??= setInterval(() => this.sweep(), this.options.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sheds every connection over the cap; returns how many. */
  sweep(): number {
    let shed = 0;
    for (const socket of this.io.of('/').sockets.values()) if (this.check(socket)) shed += 1;
    return shed;
  }

  /** Sheds `socket` if it is over the cap; true when it was. */
  check(socket: VigieSocket): boolean {
    const queued = queuedBytes(socket);
    if (queued <= this.options.maxQueuedBytes) return false;
    this.shed(socket, 'slow_consumer', { queuedKB: Math.round(queued / 1024) });
    return true;
  }

  /**
   * Drops `socket` with its reason, logged with its address and account: `slow_consumer` (it holds
   * more unsent data than allowed) or `flooding` (it kept sending far beyond its request budget).
   */
  shed(socket: VigieSocket, reason: Shed['reason'], details: Record<string, unknown> = {}): void {
    const { principal, origin } = socket.data;
    this.options.logger.warn(
      { reason, socketId: socket.id, address: origin.address, actor: principal?.actor.id ?? null, ...details },
      `connection shed (${reason})`,
    );
    // What waits in engine.io's queue is dropped at once (the client will catch up from where its copy
    // stands); then the notice and the disconnection go out right behind what is already being written,
    // so a client that still reads hears why and comes back. One that stopped hears nothing: its
    // connection is cut after a grace period (`ws` would keep its buffer for its whole close timeout).
    const engine = engineOf(socket);
    engine.writeBuffer = [];
    socket.emit('connection:shed', { reason });
    socket.disconnect(true);
    setTimeout(() => {
      if (engine.transport.name === 'websocket') engine.transport.socket?.terminate();
      else if (engine.readyState !== 'closed') engine.close(true);
    }, SHED_GRACE_MS).unref();
  }
}
