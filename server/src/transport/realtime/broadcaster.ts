/**
 * Sends each audience what changed: a lone change goes out at once; changes arriving within the
 * coalescing window after a broadcast go out together in the next one (one emit per audience
 * room, carrying the seq range it covers). Also brings (re)connecting clients up to date, by
 * patch when the gap is small and recent, else by a snapshot cached per audience and seq.
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
import type { VigieServer, VigieSocket } from './io.ts';
import { audienceRoom } from './rooms.ts';

export interface BroadcasterOptions {
  coalesceMs: number;
  maxCatchUpEvents: number;
  heartbeatMs: number;
  buildId: string;
}

/** The parts touched by the events of one broadcast. */
interface SentRange {
  from: number;
  to: number;
  touched: Touched[];
}

const keyOf = (t: Touched) => ('id' in t ? `${t.part}/${'kind' in t ? t.kind : ''}/${t.id}` : t.part);

export class Broadcaster {
  /** The state as of the last broadcast: what every connected client has been sent. */
  private published: Situation;
  /** The latest committed state (ahead of `published` while a broadcast is pending). */
  private latest: Situation;
  private pending = new Map<string, Touched>();
  private pendingFrom = 0;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** Recent broadcasts of the current log, for catch-up by patch. */
  private recent: SentRange[] = [];
  private snapshots = new Map<Audience, Snapshot>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly io: VigieServer,
    log: IncidentLog,
    private readonly registry: Registry,
    private readonly options: BroadcasterOptions,
  ) {
    this.published = this.latest = log.situation;
    this.unsubscribe = log.subscribe((c) => this.onCommit(c));
    this.heartbeat = setInterval(() => this.sendHeartbeat(), options.heartbeatMs);
  }

  /** Sends what is pending, then tells every client the server is about to stop. */
  announceRestart(): void {
    this.flush();
    this.io.emit('server:restarting', { at: new Date().toISOString() });
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.timer = this.heartbeat = null;
  }

  /** Adds a socket to its audience and brings it up to date from where it stood when it connected. */
  join(socket: VigieSocket): void {
    void socket.join(audienceRoom(socket.data.audience));
    this.catchUp(socket, socket.data.position);
  }

  /** Sends what a client at `position` misses: nothing, a patch, or a snapshot. Returns which. */
  catchUp(socket: VigieSocket, position: SyncPosition): 'none' | 'patch' | 'snapshot' {
    const state = this.published;
    if (position.logId === state.logId && position.seq === state.seq) return 'none';
    const ranges = this.rangesAfter(position);
    if (!ranges) {
      socket.emit('situation:snapshot', this.snapshot(socket.data.audience));
      return 'snapshot';
    }
    const touched = ranges.flatMap((r) => r.touched);
    socket.emit('situation:patched', this.patch(socket.data.audience, state, touched, position.seq + 1));
    return 'patch';
  }

  private onCommit(c: Committed): void {
    if (c.newLog) {
      this.flush();
      this.published = this.latest = c.state;
      this.recent = [];
      this.snapshots.clear();
      for (const audience of audiences.ids)
        this.io.to(audienceRoom(audience)).emit('situation:snapshot', this.snapshot(audience));
      return;
    }
    if (this.pending.size === 0) this.pendingFrom = this.latest.seq + 1;
    this.latest = c.state;
    for (const e of c.events) for (const t of touchedBy(e)) this.pending.set(keyOf(t), t);
    if (this.timer) return;
    const wait = this.lastSentAt + this.options.coalesceMs - Date.now();
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
    for (const audience of audiences.ids) {
      this.io.to(audienceRoom(audience)).emit('situation:patched', this.patch(audience, this.latest, touched, from));
    }
    this.published = this.latest;
    this.lastSentAt = Date.now();
    this.snapshots.clear();
    this.remember({ from, to: this.latest.seq, touched });
  }

  private patch(audience: Audience, state: Situation, touched: Touched[], from: number): PatchMessage {
    const range = { logId: state.logId, from, to: state.seq };
    return audience === 'public'
      ? { audience, ...range, patch: buildPublicPatch(projectPublic(state), touched) }
      : { audience, ...range, patch: buildSituationPatch(projectSituation(state, audience), touched, from) };
  }

  private snapshot(audience: Audience): Snapshot {
    let snapshot = this.snapshots.get(audience);
    if (!snapshot) {
      const s = this.published;
      snapshot =
        audience === 'public'
          ? { audience, logId: s.logId, seq: s.seq, state: projectPublic(s) }
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
  private rangesAfter(position: SyncPosition): SentRange[] | null {
    const state = this.published;
    if (position.logId !== state.logId || position.seq > state.seq) return null;
    if (state.seq - position.seq > this.options.maxCatchUpEvents) return null;
    const first = this.recent.findIndex((r) => r.to > position.seq);
    if (first === -1 || this.recent[first]!.from > position.seq + 1) return null;
    return this.recent.slice(first);
  }

  private sendHeartbeat(): void {
    const { logId, seq } = this.published;
    this.io.emit('server:heartbeat', {
      logId,
      seq,
      serverTime: new Date().toISOString(),
      buildId: this.options.buildId,
      intervalMs: this.options.heartbeatMs,
    });
  }
}
