/**
 * A reader that stops reading: a real socket.io-client whose TCP socket is paused once it holds its
 * first copy, so everything the server sends it piles up (first in the kernel's buffers, then in
 * the server's). While stalled it keeps asking for a snapshot (`sync:request` from nowhere: a few
 * bytes that cost the server ~100 KB each), without waiting for replies it cannot read. `resume()`
 * reads again; its socket then reconnects by itself if the server shed it. (`pnpm bench abuse`
 * stalls its readers the same way, in its own load process: bench/src/harness/abuseLoad.ts.)
 */
import type { Socket as NetSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@vigie/shared';

export interface StalledClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Requests sent while stalled. */
  readonly sent: number;
  /** Connections made (the first, then each reconnection). */
  readonly connects: number;
  /** The latest seq it has received (a snapshot's, or a patch's end). */
  readonly seq: number;
  /** Stops reading and starts asking for snapshots every `everyMs` (default: 5 ms). */
  stall: (everyMs?: number) => void;
  /** Stops asking and reads again (what piled up, then whatever comes next). */
  resume: () => void;
  close: () => void;
}

interface EngineWithWs {
  transport: { name: string; ws?: { _socket?: NetSocket } };
}

/** Connects (cookie optional: anonymous reading where it is open) and resolves once the first copy arrived. */
export async function stalledClient(url: string, options: { cookie?: string } = {}): Promise<StalledClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    auth: { position: { logId: null, seq: 0 } },
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const state = { sent: 0, connects: 0, seq: -1 };
  let loop: NodeJS.Timeout | null = null;
  let paused: NetSocket | null = null;
  socket.on('connect', () => void (state.connects += 1));
  socket.on('situation:snapshot', (m) => void (state.seq = m.seq));
  socket.on('situation:patched', (m) => void (state.seq = Math.max(state.seq, m.to)));
  await new Promise<void>((resolve, reject) => {
    socket.once('situation:snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  const tcp = () => (socket.io.engine as unknown as EngineWithWs).transport.ws?._socket ?? null;
  return {
    socket,
    get sent() {
      return state.sent;
    },
    get connects() {
      return state.connects;
    },
    get seq() {
      return state.seq;
    },
    stall: (everyMs = 5) => {
      paused = tcp();
      paused?.pause();
      loop = setInterval(() => {
        if (!socket.connected) return;
        state.sent += 1;
        // A volatile-free emit with an ack nobody reads: the reply queues too.
        socket.emit('sync:request', { logId: null, seq: 0 }, () => undefined);
      }, everyMs);
    },
    resume: () => {
      if (loop) clearInterval(loop);
      loop = null;
      paused?.resume();
      paused = null;
    },
    close: () => {
      if (loop) clearInterval(loop);
      socket.close();
    },
  };
}
