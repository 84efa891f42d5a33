/**
 * The log of the current incident: turns validated requests into numbered events, commits them to
 * the store in groups (one transaction per turn of the event loop, at most MAX_BATCH requests,
 * MAX_BATCH_EVENTS events or BATCH_DECIDE_MS of deciding), then
 * folds them into the situation and tells subscribers. A request is answered only after its events
 * are committed.
 */
import {
  applyEvent,
  REGISTRY_ACTOR,
  RegistrySchema,
  initialSituation,
  newFoldScope,
  touchesPublic,
  type CommandResult,
  type LogEvent,
  type LogMeta,
  type Origin,
  type Registry,
  type Reply,
  type Situation,
} from '@vigie/shared';
import { newId } from '../ids.ts';
import { registryDiff } from '../registry/registryDiff.ts';
import { LogSeries } from './logSeries.ts';
import { decideRequest } from './decideRequest.ts';
import { rebuildSituation } from './rebuildSituation.ts';
import type { CommandError } from '../domain/commandError.ts';
import type { Principal } from '../domain/context.ts';
import { foldCounting, type CountedWrite } from '../domain/seriesCounts.ts';
import { silentLogger, type Logger } from '../logger.ts';
import {
  StoreUnavailableError,
  type AppendBatch,
  type EventStore,
  type IdempotencyRecord,
  type StoreTail,
  type StoredEvent,
} from '../store/eventStore.ts';

/** Who sent a request and from where (the origin goes to the audit trail only). */
export interface RequestContext {
  principal: Principal | null;
  origin: Origin;
}

export interface IncidentLogOptions {
  /** The server clock (a test may move it forward). */
  now?: () => Date;
  /** Events between snapshots. */
  snapshotEvery?: number;
  /** Time a batch may spend deciding before it is committed (BATCH_DECIDE_MS; a test may set it). */
  batchDecideMs?: number;
  /** How often the store is asked whether it still takes writes while nothing is written (WATCH_MS). */
  watchMs?: number;
  logger?: Logger;
}

/** What subscribers hear after each commit. */
export interface Committed {
  logId: string;
  /** True when these events opened a new log (subscribers resend snapshots). */
  newLog: boolean;
  events: LogEvent[];
  state: Situation;
  /** The log's position as the public audience knows it (see `IncidentLog.publicSeq`). */
  publicSeq: number;
}

interface Pending {
  name: string;
  input: unknown;
  request: RequestContext;
  resolve: (reply: Reply<CommandResult>) => void;
}

/** Requests decided and committed together at most (about 30 ms of work under a burst). */
const MAX_BATCH = 100;
/** … and events: requests of many items (items:set) would otherwise hold the loop ten times as long. */
const MAX_BATCH_EVENTS = 250;
/**
 * … and time spent deciding: a hundred requests take 5 ms on a quiet machine and over 60 on a loaded
 * one (seen in the burst benchmark), and the whole batch holds the event loop while it is decided.
 */
const BATCH_DECIDE_MS = 12;

/**
 * What a change is refused with while the store cannot be written to (the screens say it in words).
 * Not "nothing was changed": a commit cut off by the loss may have been recorded all the same; sent
 * again with its key once changes resume, it is answered its original result if so.
 */
const SUSPENDED = 'changes suspended: the database is unreachable or failing over; send it again once changes resume';
/** How often a suspended server tries the store again. */
const PROBE_MS = 1_000;
/** How often a server that writes nothing asks whether the store still takes writes. */
const WATCH_MS = 5_000;

const fail = (
  code: CommandError['code'] | 'internal' | 'unavailable',
  message: string,
  details?: unknown,
): Reply<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export class IncidentLog {
  private meta!: LogMeta;
  private committed!: Situation;
  private queue: Pending[] = [];
  private flushing = false;
  /** Another server sharing the store committed since this one last looked. */
  private behind = false;
  private unfollow: () => void = () => undefined;
  /** False while the store cannot be written to: changes are refused at once, and a probe waits for it. */
  private writableNow = true;
  private probing: NodeJS.Timeout | null = null;
  /** Asks every WATCH_MS whether the store still takes writes (see checkWritable). */
  private watching: NodeJS.Timeout | null = null;
  private checkDue = false;
  private readonly writableListeners = new Set<(writable: boolean) => void>();
  private readonly listeners = new Set<(c: Committed) => void>();

  private snapshotSeq = 0;
  private publicAt = 0;
  private closing = false;
  private drained: Promise<void> = Promise.resolve();
  private readonly now: () => Date;
  private readonly snapshotEvery: number;
  private readonly batchDecideMs: number;
  private readonly watchMs: number;
  private readonly logger: Logger;
  /** The chart series of the current log, kept from every commit and saved with the snapshots. */
  readonly series: LogSeries;

  constructor(
    private readonly store: EventStore,
    private readonly registry: Registry,
    options: IncidentLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.snapshotEvery = options.snapshotEvery ?? 5000;
    this.batchDecideMs = options.batchDecideMs ?? BATCH_DECIDE_MS;
    this.watchMs = options.watchMs ?? WATCH_MS;
    this.logger = options.logger ?? silentLogger;
    this.series = new LogSeries(store, registry, this.logger);
  }

  /**
   * Rebuilds the situation of the current log (creating an empty log on a new store). A registry
   * that drops ids the log knows is refused with the list; one that only adds is recorded.
   */
  async open(): Promise<void> {
    const current = await this.store.currentLog();
    if (!current) {
      this.meta = this.newMeta(this.store.kind === 'demo');
      await this.store.saveRegistry(this.registry.version, this.registry);
      await this.store.append({ logId: this.meta.logId, newLog: this.meta, events: [], idempotency: [] });
      this.committed = initialSituation(this.registry, this.meta);
      this.series.start(this.meta, this.committed);
      this.publicAt = this.committed.seq;
      this.follow();
      return;
    }
    this.meta = current;
    const added = await this.checkRegistry(current);
    await this.store.saveRegistry(this.registry.version, this.registry);
    const { state, snapshotSeq, replayed, series } = await rebuildSituation(this.store, this.registry, current);
    this.committed = state;
    this.snapshotSeq = snapshotSeq;
    this.series.open(current, series);
    if (added) {
      const data = { from: current.registryVersion, to: this.registry.version, added };
      const event: LogEvent = {
        seq: state.seq + 1,
        type: 'registry.changed',
        data,
        by: REGISTRY_ACTOR,
        recordedAt: this.now().toISOString(),
        commandId: newId(),
      };
      await this.store.append({
        logId: current.logId,
        events: [{ event, origin: { sessionId: null, address: null }, idempotencyKey: event.commandId }],
        idempotency: [],
      });
      await this.store.setLogRegistry(current.logId, this.registry.version);
      this.meta = { ...current, registryVersion: this.registry.version };
      this.committed = applyEvent(state, event);
      this.series.take(event, null);
    }
    if (replayed >= this.snapshotEvery) await this.snapshot();
    this.publicAt = this.committed.seq;
    this.follow();
  }

  /**
   * Follows what other servers sharing the store commit: woken by the store, it takes their events in
   * between its own batches, so its screens hear every commit, whichever server took it.
   */
  private follow(): void {
    this.unfollow = this.store.onAppended(() => {
      this.behind = true;
      this.wake();
    });
    this.watching = setInterval(() => {
      this.checkDue = true;
      this.wake();
    }, this.watchMs);
    this.watching.unref();
  }

  /** The ids a newer registry adds to the one the log ran with, null when unchanged; throws when it removes any. */
  private async checkRegistry(meta: LogMeta): Promise<string[] | null> {
    if (meta.registryVersion === this.registry.version) return null;
    const parsed = RegistrySchema.safeParse(await this.store.loadRegistry(meta.registryVersion));
    if (!parsed.success) {
      throw new Error(
        `The current log ran with registry ${meta.registryVersion}, which the store does not hold; cannot check registry ${this.registry.version} against it`,
      );
    }
    const { removed, added } = registryDiff(parsed.data, this.registry);
    if (removed.length > 0) {
      throw new Error(
        `Registry ${this.registry.version} removes or renames ids that the current log (registry ${meta.registryVersion}) uses:\n` +
          removed.map((id) => `  - ${id}`).join('\n') +
          (added.length ? `\nand adds:\n${added.map((id) => `  + ${id}`).join('\n')}` : '') +
          '\nKeep those ids (a renamed hospital keeps its id) or open a new incident with the old registry first.',
      );
    }
    return added;
  }

  /**
   * Saves the committed situation as the log's snapshot, so start-up replays only what came after,
   * with the chart points added since the previous one.
   */
  private async snapshot(): Promise<void> {
    const started = performance.now();
    const state = this.committed;
    this.snapshotSeq = state.seq;
    const series = this.series.unsaved(state.seq);
    await this.store.saveSnapshot(this.meta.logId, {
      seq: state.seq,
      registryVersion: this.registry.version,
      state,
      ...(series ? { series } : {}),
    });
    if (series) this.series.saved(series);
    // Written in one go on the event loop: how long it held the loop is worth seeing.
    this.logger.info(
      { seq: state.seq, ms: Math.round(performance.now() - started), series: series !== null },
      'snapshot saved',
    );
  }

  get situation(): Situation {
    return this.committed;
  }

  /**
   * The log's position as the public audience knows it: the seq of the last commit that changed what the
   * public is shown (or opened the log; at start, the seq the log was opened at, which is as true). The
   * public stream advances only there, so a commit nobody outside sees costs the public sockets nothing.
   */
  get publicSeq(): number {
    return this.publicAt;
  }

  /** The current log as stored (its store id, epoch, registry version). */
  get current(): LogMeta {
    return this.meta;
  }

  /** The log id clients see (with its epoch). */
  get logId(): string {
    return this.committed.logId;
  }

  subscribe(listener: (c: Committed) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether changes can be recorded now (false while the store is unreachable or failing over). */
  get writable(): boolean {
    return this.writableNow;
  }

  /** Hears each change of `writable`. */
  onWritable(listener: (writable: boolean) => void): () => void {
    this.writableListeners.add(listener);
    return () => this.writableListeners.delete(listener);
  }

  /** Validates, authorises and records a request; resolves once committed (or refused). */
  submit(name: string, input: unknown, request: RequestContext): Promise<Reply<CommandResult>> {
    if (this.closing) return Promise.resolve(fail('internal', 'the server is restarting; send this again in a moment'));
    if (!this.writableNow) return Promise.resolve(fail('unavailable', SUSPENDED));
    return new Promise((resolve) => {
      this.queue.push({ name, input, request, resolve });
      this.wake();
    });
  }

  /** Refuses new requests and resolves once every queued one is committed (or refused). */
  async close(): Promise<void> {
    this.closing = true;
    this.unfollow();
    if (this.probing) clearTimeout(this.probing);
    if (this.watching) clearInterval(this.watching);
    await this.drained;
    this.series.stop();
  }

  private newMeta(demo: boolean): LogMeta {
    return {
      logId: newId(),
      epoch: 1,
      demo,
      registryVersion: this.registry.version,
      createdAt: this.now().toISOString(),
    };
  }

  private wake(): void {
    if (this.flushing || this.closing) return;
    this.flushing = true;
    this.drained = new Promise((done) => setImmediate(() => void this.flush().finally(done)));
  }

  private async flush(): Promise<void> {
    try {
      const more = () => this.queue.length > 0 || this.behind || this.checkDue;
      while (more()) {
        if (this.queue.length > 0) await this.commitBatch();
        else if (this.behind) await this.catchUp();
        else await this.checkWritable();
        // Let sockets, timers and broadcasts run between batches: a burst must not freeze the server.
        if (more()) await new Promise((next) => setImmediate(next));
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * The store cannot be written to: what waits is refused, new requests are refused at once, and a
   * probe (an empty exclusive write: the store's lock, then what others committed) runs every second
   * until it succeeds; then changes are taken again, with no restart.
   */
  private suspend(): void {
    for (const p of this.queue.splice(0)) p.resolve(fail('unavailable', SUSPENDED));
    if (this.writableNow) {
      this.writableNow = false;
      this.logger.warn('changes suspended: the store cannot be written to');
      this.tellWritable();
    }
    if (this.probing || this.closing) return;
    this.probing = setTimeout(() => {
      this.probing = null;
      this.writeNothing().then(
        () => {
          this.writableNow = true;
          this.logger.info('changes resumed: the store can be written to again');
          this.tellWritable();
        },
        () => this.suspend(),
      );
    }, PROBE_MS);
  }

  private tellWritable(): void {
    for (const listener of this.writableListeners) listener(this.writableNow);
  }

  /**
   * Whether the store still takes writes, asked every few seconds while nothing is written (an empty
   * exclusive write, which also takes in what others committed): a database lost while the cell is
   * quiet is said on every screen and in /readyz then, not at the next change someone tries.
   */
  private async checkWritable(): Promise<void> {
    this.checkDue = false;
    if (!this.writableNow) return;
    await this.writeNothing().catch((error: unknown) => {
      if (error instanceof StoreUnavailableError) this.suspend();
      else this.logger.warn({ err: error }, 'could not check the store');
    });
  }

  /** An empty exclusive write: the store's lock (and, on PostgreSQL, that it takes writes), taking in what others committed. */
  private writeNothing(): Promise<void> {
    return this.store.exclusive({ logId: this.meta.logId, seq: this.committed.seq }, (tail) => {
      this.takeIn(tail);
      return Promise.resolve(null);
    });
  }

  /** Takes in what other servers committed (a batch does so itself, under the store's lock). */
  private async catchUp(): Promise<void> {
    this.behind = false;
    try {
      this.takeIn(await this.store.tail({ logId: this.meta.logId, seq: this.committed.seq }));
    } catch (error) {
      // The next wake-up, or the next batch, reads it again.
      this.logger.warn({ err: error }, 'could not read what other servers committed');
    }
  }

  /** Folds events other servers committed (and a log one of them opened) and tells subscribers, as for a commit. */
  private takeIn(tail: StoreTail): void {
    // Two reads of the tail may overlap (a wake-up's and the suspended server's probe): what is already
    // folded is not folded again.
    const newLog = tail.newLog && tail.newLog.logId !== this.meta.logId ? tail.newLog : null;
    const events = newLog ? tail.events : tail.events.filter((e) => e.seq > this.committed.seq);
    if (!newLog && events.length === 0) return;
    let state = this.committed;
    if (newLog) {
      this.meta = newLog;
      state = initialSituation(this.registry, newLog);
      this.series.start(newLog, state);
      this.snapshotSeq = 0;
    }
    const scope = newFoldScope();
    for (const event of events) {
      const folded = foldCounting(state, event, scope);
      state = folded.state;
      this.series.take(event, folded.write);
    }
    this.committed = state;
    this.publish(events, newLog !== null);
  }

  /** Tells subscribers of committed events (this server's or another's). */
  private publish(events: LogEvent[], newLog: boolean): void {
    const state = this.committed;
    if (newLog || events.some(touchesPublic)) this.publicAt = state.seq;
    const committed: Committed = { logId: state.logId, newLog, events, state, publicSeq: this.publicAt };
    for (const listener of this.listeners) {
      try {
        listener(committed);
      } catch (error) {
        this.logger.error({ err: error }, 'commit subscriber failed');
      }
    }
  }

  /**
   * One group commit: under the store's lock, takes in what other servers committed, decides queued
   * requests in order against the pending state, then commits them together.
   */
  private async commitBatch(): Promise<void> {
    /** The situation a new log starts from, for its chart series. */
    let opened: Situation | undefined;
    let newLog: LogMeta | undefined;
    let meta = this.meta;
    let state = this.committed;
    const stored: StoredEvent[] = [];
    /** What each stored event wrote, read as it was folded (the chart series count it). */
    const writes: (CountedWrite | null)[] = [];
    const outcomes: { pending: Pending; reply: Reply<CommandResult> }[] = [];

    const decide = async (tail: StoreTail): Promise<AppendBatch | null> => {
      this.behind = false;
      this.takeIn(tail);
      meta = this.meta;
      state = this.committed;
      const idempotency: IdempotencyRecord[] = [];
      const seen = new Map<string, IdempotencyRecord>();
      // The batch's states in between are only read by the decisions: one fold copies each touched record once.
      const scope = newFoldScope();
      const started = performance.now();
      const full = () =>
        outcomes.length >= MAX_BATCH ||
        stored.length >= MAX_BATCH_EVENTS ||
        (outcomes.length > 0 && performance.now() - started >= this.batchDecideMs);

      while (this.queue.length > 0 && !full()) {
        const pending = this.queue[0]!;
        // A new log commits on its own: nothing before it in the batch, nothing after.
        if (pending.name === 'incident:open' && stored.length > 0) break;
        this.queue.shift();
        const now = this.now();
        const request = { name: pending.name, input: pending.input, principal: pending.request.principal };
        const decided = await decideRequest(
          request,
          { meta, state, now, seen },
          { store: this.store, registry: this.registry },
        ).catch((error: unknown) => {
          // A store that cannot be read (idempotency lookup), or a command that failed, refuses this request only.
          this.logger.error({ err: error, command: pending.name }, 'request could not be decided');
          return { reply: fail('internal', 'the request could not be processed') } as const;
        });
        if ('reply' in decided) {
          outcomes.push({ pending, reply: decided.reply });
          continue;
        }
        const { decision, actorKey, key, requestHash } = decided;
        if (decision.opensLog) {
          newLog = meta = this.newMeta(decision.opensLog.demo);
          state = opened = initialSituation(this.registry, meta);
        }
        const commandId = newId();
        const recordedAt = now.toISOString();
        const written: NonNullable<CommandResult['written']> = [];
        for (const body of decision.events) {
          const event: LogEvent = {
            ...body,
            seq: state.seq + 1,
            by: pending.request.principal!.actor,
            recordedAt,
            commandId,
          };
          const folded = foldCounting(state, event, scope);
          state = folded.state;
          stored.push({ event, origin: pending.request.origin, idempotencyKey: key });
          writes.push(folded.write);
          // A backdated write that a later one supersedes is history only: the item keeps its version.
          if (event.type === 'value.set' && folded.write) {
            written.push({ kind: folded.write.kind, id: folded.write.id, version: event.seq });
          }
        }
        const result: CommandResult = {
          commandId,
          seq: state.seq,
          ...(written.length > 0 ? { written } : {}),
          ...decision.data,
        };
        const record = { actorKey, key, requestHash, result };
        idempotency.push(record);
        seen.set(`${actorKey}\n${key}`, record);
        outcomes.push({ pending, reply: { ok: true, data: result } });
        if (newLog) break;
      }
      return stored.length > 0 || newLog
        ? { logId: meta.logId, ...(newLog ? { newLog } : {}), events: stored, idempotency }
        : null;
    };

    try {
      await this.store.exclusive({ logId: this.meta.logId, seq: this.committed.seq }, decide);
    } catch (error) {
      this.logger.error({ err: error, events: stored.length }, 'commit failed; batch refused');
      const down = error instanceof StoreUnavailableError;
      // Nothing was committed (or, the connection lost during the commit, nothing is known of it: the
      // tail read once the store is back says): every request of this batch that would have changed
      // something is refused, never acknowledged.
      for (const o of outcomes) {
        if (!o.reply.ok) o.pending.resolve(o.reply);
        else if (down) o.pending.resolve(fail('unavailable', SUSPENDED));
        else o.pending.resolve(fail('internal', 'the change could not be recorded; nothing was changed'));
      }
      if (down) this.suspend();
      return;
    }
    const committed = stored.length > 0 || newLog !== undefined;
    if (committed) {
      this.meta = meta;
      this.committed = state;
      if (newLog && opened) this.series.start(newLog, opened);
      stored.forEach((s, i) => this.series.take(s.event, writes[i]!));
    }
    for (const o of outcomes) o.pending.resolve(o.reply);
    if (!committed) return;
    this.publish(
      stored.map((s) => s.event),
      newLog !== undefined,
    );
    if (newLog) this.snapshotSeq = 0;
    if (state.seq - this.snapshotSeq >= this.snapshotEvery) {
      // A failed snapshot costs only start-up time: the events are committed.
      await this.snapshot().catch((error: unknown) => this.logger.error({ err: error }, 'snapshot failed'));
    }
  }
}
