/**
 * Sends each audience what changed: a lone change goes out at once; changes arriving within the
 * coalescing window after a broadcast go out together in the next one (one message per audience
 * room, carrying the seq range it covers, written to its sockets a few hundred per event-loop turn). Under a storm the window widens to a ceiling: every
 * broadcast rewrites the items touched since the last one, so fewer, larger ones cost the viewers
 * (and the server's writes) less; it narrows again as soon as a change comes after a pause. Also
 * brings (re)connecting clients up to date, by patch when the gap is small and recent, else by a
 * snapshot cached per audience and seq; the clients that need the same message in one event-loop
 * turn get it in one emit (encoded once: a building's screens reconnecting together cost one
 * encoding, not one each). A client with a catch-up still on its way (not yet handed to the
 * network) gets no second one: asking again costs a reader that stopped reading nothing.
 *
 * The public audience follows its own position (`IncidentLog.publicSeq`): it is sent a patch only when
 * what it is shown changes, and its heartbeats, snapshots and catch-ups say that position. During a
 * press spike thousands of public sockets then cost nothing for the changes they never see.
 */
import {
  audiences,
  buildPublicPatch,
  buildSituationPatch,
  projectPublic,
  projectSituation,
  touchedBy,
  type Audience,
  type PatchMessage,
  type Registry,
  type Situation,
  type Snapshot,
  type SyncPosition,
  type Touched,
} from '@vigie/shared';
import type { Committed, IncidentLog } from '../../log/incidentLog.ts';
import { whenWritten } from './backpressure.ts';
import type { VigieServer, VigieSocket } from './io.ts';
import { PacedRoomEmits } from './pacedRoomEmits.ts';
import { audienceRoom } from './rooms.ts';

export interface BroadcasterOptions {
  coalesceMs: number;
  /** The widest the window gets under a storm. */
  coalesceMaxMs: number;
  maxCatchUpEvents: number;
  heartbeatMs: number;
  buildId: string;
  /** The server's clock, the one commands are decided on: screens set theirs by it. */
  now?: () => Date;
}

/** The parts touched by the events of one broadcast. */
interface SentRange {
  from: number;
  to: number;
  touched: Touched[];
}

/**
 * A storm is a rate, not a count: at least this many events per narrow window (133/s at 75 ms) since
 * the previous broadcast. One account's steady flood within its budget (a few dozen a second) is not
 * one, so it never holds everyone else's changes back for the widest window.
 */
const STORM_EVENTS = 10;

/** Clients served their catch-up per event-loop turn (a snapshot is ~130 KB: about 2 MB a turn). */
const CATCH_UPS_PER_TURN = 16;

const audienceRooms = audiences.ids.map(audienceRoom);
const privateRooms = audiences.ids.filter((a) => a !== 'public').map(audienceRoom);

const keyOf = (t: Touched) => ('id' in t ? `${t.part}/${'kind' in t ? t.kind : ''}/${t.id}` : t.part);

export class Broadcaster {
  /** The state as of the last broadcast: what every connected client has been sent. */
  private published: Situation;
  /** The latest committed state (ahead of `published` while a broadcast is pending). */
  private latest: Situation;
  /** The public position sent to the public room, and the latest committed one. */
  private publishedPublicSeq: number;
  private latestPublicSeq: number;
  private pending = new Map<string, Touched>();
  private pendingFrom = 0;
  private pendingEvents = 0;
  /** The current coalescing window (widened by storms). */
  private windowMs: number;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastHeartbeatAt = Date.now();
  /** Recent broadcasts of the current log, for catch-up by patch. */
  private recent: SentRange[] = [];
  private snapshots = new Map<Audience, Snapshot>();
  /** Clients waiting for their catch-up, in arrival order, served a few per event-loop turn. */
  private waiting: { socket: VigieSocket; position: SyncPosition }[] = [];
  private serving = false;
  /** Sockets with a catch-up decided or queued and not yet written out. */
  private inFlight = new WeakSet<VigieSocket>();
  private unsubscribe: (() => void) | null = null;
  /** Broadcasts and heartbeats to the rooms, written a few hundred sockets per event-loop turn. */
  private readonly rooms: PacedRoomEmits;

  constructor(
    private readonly io: VigieServer,
    private readonly log: IncidentLog,
    private readonly registry: Registry,
    private readonly options: BroadcasterOptions,
  ) {
    this.published = this.latest = log.situation;
    this.publishedPublicSeq = this.latestPublicSeq = log.publicSeq;
    this.windowMs = options.coalesceMs;
    this.rooms = new PacedRoomEmits(io);
    const unsubscribe = log.subscribe((c) => this.onCommit(c));
    // Every screen says at once when changes are suspended, and when they resume.
    const unheard = log.onWritable(() => this.sendHeartbeat());
    this.unsubscribe = () => {
      unsubscribe();
      unheard();
    };
    this.heartbeat = setTimeout(() => this.sendHeartbeat(), options.heartbeatMs);
  }

  /** Sends what is pending, then tells every client the server is about to stop. */
  announceRestart(): void {
    this.flush();
    this.rooms.drain();
    this.io.emit('server:restarting', { at: new Date().toISOString() });
  }

  stop(): void {
    this.unsubscribe?.();
    this.waiting = [];
    this.rooms.clear();
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.timer = this.heartbeat = null;
  }

  /**
   * Brings a socket up to date from where it stood when it connected, then adds it to its audience:
   * until its catch-up leaves it hears no broadcast or heartbeat (its catch-up will cover them).
   */
  join(socket: VigieSocket): void {
    if (this.catchUp(socket, socket.data.position) === 'none') void socket.join(audienceRoom(socket.data.audience));
  }

  /**
   * Sends what a client at `position` misses: nothing, a patch, or a snapshot. Returns which, or
   * `pending` when one is already on its way to it (it brings the client up to date as of when it was
   * queued: it brings the client up to date as of when it leaves, and broadcasts continue from there).
   * The message is built when it leaves, against the state then published.
   */
  catchUp(socket: VigieSocket, position: SyncPosition): 'none' | 'patch' | 'snapshot' | 'pending' {
    const { audience } = socket.data;
    if (this.upToDate(audience, position)) return 'none';
    if (this.inFlight.has(socket)) return 'pending';
    this.inFlight.add(socket);
    this.waiting.push({ socket, position });
    if (!this.serving) {
      this.serving = true;
      setImmediate(() => this.sendCatchUps());
    }
    return this.rangesAfter(audience, position) ? 'patch' : 'snapshot';
  }

  /** Everything up to this seq has been sent to `audience`'s room. */
  private sentTo(audience: Audience): number {
    return audience === 'public' ? this.publishedPublicSeq : this.published.seq;
  }

  private upToDate(audience: Audience, position: SyncPosition): boolean {
    return position.logId === this.published.logId && position.seq === this.sentTo(audience);
  }

  /**
   * Serves the next waiting clients, a few per event-loop turn: a building's screens reconnecting
   * together (two thousand snapshots of ~130 KB) would otherwise hold the loop for a second, and every
   * broadcast with it. The clients that need the same message get it in one emit (encoded once).
   */
  private sendCatchUps(): void {
    const served = this.waiting.splice(0, CATCH_UPS_PER_TURN);
    const groups = new Map<string, { audience: Audience; from: number | null; touched: Touched[]; ids: string[] }>();
    for (const { socket, position } of served) {
      if (!socket.connected) continue;
      const { audience } = socket.data;
      // Joined now: the message below covers everything broadcast until now, and the next broadcast follows it.
      void socket.join(audienceRoom(audience));
      if (this.upToDate(audience, position)) {
        this.inFlight.delete(socket);
        continue;
      }
      const ranges = this.rangesAfter(audience, position);
      const from = ranges ? position.seq + 1 : null;
      const key = `${audience}/${from ?? 'snapshot'}`;
      const group = groups.get(key);
      if (group) group.ids.push(socket.id);
      else groups.set(key, { audience, from, touched: ranges?.flatMap((r) => r.touched) ?? [], ids: [socket.id] });
    }
    for (const { audience, from, ids, touched } of groups.values()) {
      if (from === null) this.io.to(ids).emit('situation:snapshot', this.snapshot(audience));
      else {
        const range = { from, to: this.sentTo(audience) };
        this.io.to(ids).emit('situation:patched', this.patch(audience, this.published, touched, range));
      }
      for (const id of ids) {
        const socket = this.io.of('/').sockets.get(id);
        if (socket) whenWritten(socket, () => this.inFlight.delete(socket));
      }
    }
    if (this.waiting.length > 0) setImmediate(() => this.sendCatchUps());
    else this.serving = false;
  }

  private onCommit(c: Committed): void {
    if (c.newLog) {
      // The new log's snapshots supersede whatever of the old one is still pending or on its way.
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.pending.clear();
      this.pendingEvents = 0;
      this.rooms.clear();
      this.published = this.latest = c.state;
      this.publishedPublicSeq = this.latestPublicSeq = c.publicSeq;
      this.recent = [];
      this.snapshots.clear();
      for (const audience of audiences.ids)
        this.rooms.emit(audienceRoom(audience), 'situation:snapshot', this.snapshot(audience));
      return;
    }
    if (this.pending.size === 0) this.pendingFrom = this.latest.seq + 1;
    this.latest = c.state;
    this.latestPublicSeq = c.publicSeq;
    for (const e of c.events) for (const t of touchedBy(e)) this.pending.set(keyOf(t), t);
    this.pendingEvents += c.events.length;
    const now = Date.now();
    // A change after a pause is no longer part of a storm: it must not wait for a widened window. (A loaded
    // server commits a storm in large, spaced batches: those are not pauses.)
    const gap = now - this.lastCommitAt;
    const lone = gap > this.options.coalesceMaxMs || (gap > this.options.coalesceMs && c.events.length < STORM_EVENTS);
    if (lone && this.windowMs > this.options.coalesceMs) {
      this.windowMs = this.options.coalesceMs;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastCommitAt = now;
    if (this.timer) return;
    const wait = this.lastSentAt + this.windowMs - now;
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const touched = [...this.pending.values()];
    const from = this.pendingFrom;
    this.pending.clear();
    const { coalesceMs, coalesceMaxMs } = this.options;
    const elapsed = Math.max(Date.now() - this.lastSentAt, coalesceMs);
    this.windowMs = this.pendingEvents * coalesceMs >= STORM_EVENTS * elapsed ? coalesceMaxMs : coalesceMs;
    this.pendingEvents = 0;
    const to = this.latest.seq;
    const publicMoved = this.latestPublicSeq !== this.publishedPublicSeq;
    for (const audience of audiences.ids) {
      if (audience === 'public' && !publicMoved) continue;
      const range =
        audience === 'public' ? { from: this.publishedPublicSeq + 1, to: this.latestPublicSeq } : { from, to };
      this.rooms.emit(audienceRoom(audience), 'situation:patched', this.patch(audience, this.latest, touched, range));
    }
    this.published = this.latest;
    this.publishedPublicSeq = this.latestPublicSeq;
    this.lastSentAt = Date.now();
    this.snapshots.clear();
    this.remember({ from, to, touched });
    // A heartbeat due soon rides along now: sent on its own, its writes to every socket would be in
    // the way of the next change (while changes flow, heartbeats then go out between them).
    if (this.lastHeartbeatAt + this.options.heartbeatMs / 2 <= this.lastSentAt) this.sendHeartbeat();
  }

  /** What `audience` misses over `from`..`to`, built from `state` (no later than `to` for what it shows). */
  private patch(
    audience: Audience,
    state: Situation,
    touched: Touched[],
    { from, to }: { from: number; to: number },
  ): PatchMessage {
    const range = { logId: state.logId, from, to };
    return audience === 'public'
      ? { audience, ...range, patch: buildPublicPatch(projectPublic(state), touched) }
      : { audience, ...range, patch: buildSituationPatch(projectSituation(state, audience), touched, from) };
  }

  private snapshot(audience: Audience): Snapshot {
    let snapshot = this.snapshots.get(audience);
    if (!snapshot) {
      const s = this.published;
      const seq = this.publishedPublicSeq;
      snapshot =
        audience === 'public'
          ? { audience, logId: s.logId, seq, state: projectPublic(s, seq) }
          : { audience, logId: s.logId, seq: s.seq, state: projectSituation(s, audience), registry: this.registry };
      this.snapshots.set(audience, snapshot);
    }
    return snapshot;
  }

  private remember(range: SentRange): void {
    this.recent.push(range);
    const oldest = this.latest.seq - this.options.maxCatchUpEvents;
    while (this.recent.length > 0 && this.recent[0]!.to <= oldest) this.recent.shift();
  }

  /** The broadcasts covering everything after `position`, or null when a snapshot is needed. */
  private rangesAfter(audience: Audience, position: SyncPosition): SentRange[] | null {
    const state = this.published;
    if (position.logId !== state.logId || position.seq > this.sentTo(audience)) return null;
    if (state.seq - position.seq > this.options.maxCatchUpEvents) return null;
    const first = this.recent.findIndex((r) => r.to > position.seq);
    if (first === -1 || this.recent[first]!.from > position.seq + 1) return null;
    return this.recent.slice(first);
  }

  private sendHeartbeat(): void {
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = setTimeout(() => this.sendHeartbeat(), this.options.heartbeatMs);
    this.lastHeartbeatAt = Date.now();
    const { logId, seq } = this.published;
    const beat = {
      logId,
      seq,
      serverTime: (this.options.now?.() ?? new Date()).toISOString(),
      buildId: this.options.buildId,
      intervalMs: this.options.heartbeatMs,
      writable: this.log.writable,
    };
    // To the audiences only: a client still waiting for its catch-up has not been sent everything up to `seq`.
    // Queued behind the broadcasts still being written: a socket hears a seq only after its patch.
    if (this.publishedPublicSeq === seq) this.rooms.emit(audienceRooms, 'server:heartbeat', beat);
    else {
      this.rooms.emit(privateRooms, 'server:heartbeat', beat);
      this.rooms.emit(audienceRoom('public'), 'server:heartbeat', { ...beat, seq: this.publishedPublicSeq });
    }
  }
}
