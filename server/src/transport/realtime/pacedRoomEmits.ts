/**
 * Room emits written a few hundred sockets per event-loop turn. Writing one broadcast to a thousand
 * screens is a thousand socket writes (20 to 80 µs each, by the message's size): done at once it held
 * the loop 20 to 80 ms, and every request and timer waited behind it. Emits leave in the order they
 * were queued, each to the room's members when it was queued (a socket that joins later is brought up
 * to date by its own catch-up), so every socket still hears them in order.
 */
import type { ServerToClientEvents } from '@vigie/shared';
import type { VigieServer } from './io.ts';

/** Sockets written per turn: up to ~15 ms for a storm's widest patch, ~4 ms for a lone change's. */
const SOCKETS_PER_TURN = 200;

type EventName = keyof ServerToClientEvents;

export class PacedRoomEmits {
  private queue: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly io: VigieServer) {}

  /** Queues `event` to the current members of `rooms` (a socket in several gets it once). */
  emit<E extends EventName>(rooms: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    const members = new Set<string>();
    for (const room of typeof rooms === 'string' ? [rooms] : rooms) {
      for (const id of this.io.of('/').adapter.rooms.get(room) ?? []) members.add(id);
    }
    const ids = [...members];
    for (let i = 0; i < ids.length; i += SOCKETS_PER_TURN) {
      const chunk = ids.slice(i, i + SOCKETS_PER_TURN);
      this.queue.push(() => this.io.local.to(chunk).emit(event, ...args));
    }
    this.schedule();
  }

  /** Writes everything queued now (before the server says it stops). */
  drain(): void {
    while (this.queue.length > 0) this.queue.shift()!();
  }

  /** Forgets what is queued (a new log's snapshots supersede it; the broadcaster stopped). */
  clear(): void {
    this.queue = [];
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.queue.shift()?.();
      this.schedule();
    });
  }
}
