/**
 * A screen as the drills need one: a socket that folds its audience stream with the client's own
 * reducer, asks to be brought up to date on a gap, and connects (again, or elsewhere) from where its
 * copy stands, as a screen moved to another node by the front door does.
 */
import { io, type Socket } from 'socket.io-client';
import { applyPatch, applySnapshot, emptySync, positionOf, type SyncState } from '@vigie/client/sync';
import { hashState, type PatchMessage, type Snapshot } from '@vigie/shared';

export class Screen {
  sync: SyncState = emptySync;
  socket: Socket | null = null;
  /** When it last (re)connected, and when it first held a given position since (set by the drill). */
  connectedAt = 0;
  convergedAt = 0;

  /** Connects to `url`; with `reconnect`, Socket.IO connects it again (through the same URL: a front door) by itself. */
  connect(url: string, cookie: string, { reconnect = false } = {}): void {
    this.socket?.close();
    this.connectedAt = Date.now();
    const socket = io(url, {
      auth: (cb) => cb({ position: positionOf(this.sync) }),
      extraHeaders: { cookie },
      transports: ['websocket'],
      reconnection: reconnect,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
    });
    socket.on('connect', () => (this.connectedAt = Date.now()));
    socket.on('situation:snapshot', (m: Snapshot) => (this.sync = applySnapshot(this.sync, m)));
    socket.on('situation:patched', (m: PatchMessage) => {
      const { sync, gap } = applyPatch(this.sync, m);
      if (gap) socket.emit('sync:request', positionOf(this.sync), () => undefined);
      else this.sync = sync;
    });
    this.socket = socket;
  }

  get seq(): number {
    return this.sync.kind === 'situation' ? this.sync.seq : -1;
  }

  get hash(): string {
    return this.sync.kind === 'situation' ? hashState(this.sync.state) : 'none';
  }

  close(): void {
    this.socket?.close();
  }
}
