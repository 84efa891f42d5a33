/**
 * The store: an append-only event log per incident, idempotency records, snapshots of the fold,
 * and the registries logs were created with. Asynchronous so a PostgreSQL implementation fits the
 * same interface; an append resolves only once committed.
 */
import type { ItemRef, LogEvent, LogMeta, Origin, SeriesName, Situation } from '@vigie/shared';

/** demo stores accept scenario events; live stores refuse them. */
export type StoreKind = 'demo' | 'live';

/** An event as stored: the folded event plus what only the audit trail keeps. */
export interface StoredEvent {
  event: LogEvent;
  origin: Origin;
  idempotencyKey: string;
}

/** The remembered outcome of a request, by actor and idempotency key. */
export interface IdempotencyRecord {
  actorKey: string;
  key: string;
  requestHash: string;
  result: unknown;
}

/** One group commit: events (and maybe the new log they open) with their idempotency records. */
export interface AppendBatch {
  logId: string;
  newLog?: LogMeta;
  events: StoredEvent[];
  idempotency: IdempotencyRecord[];
}

/** A saved fold of a log up to `seq`, made with the registry of `registryVersion`. */
export interface Snapshot {
  seq: number;
  registryVersion: string;
  state: Situation;
  /** The chart points added since the previous snapshot, saved with it (its `toSeq` is `seq`). */
  series?: SeriesChunk;
}

/** Where a log's chart series stood after `toSeq`: the time of its latest point and each series' latest value. */
export interface SeriesChunkHead {
  /** The points are those of the events after `fromSeq` (0: the whole series so far, replacing any saved before). */
  fromSeq: number;
  toSeq: number;
  registryVersion: string;
  time: number;
  last: Partial<Record<SeriesName, number>>;
  /** Points in the chunk, by series. */
  counts: Partial<Record<SeriesName, number>>;
}

/** Chart points of a log between two seqs, by series: times (epoch ms) and values. */
export interface SeriesChunk extends Omit<SeriesChunkHead, 'counts'> {
  points: Partial<Record<SeriesName, { t: Float64Array; v: Float64Array }>>;
}

/** A page of stored events, newest first; `before` continues it (stable while events arrive). */
export interface EventPage {
  events: StoredEvent[];
  before: number | null;
}

export interface PageQuery {
  /** Only events with seq < before (the next page); none for the newest. */
  before?: number | undefined;
  limit: number;
}

/** Where a server's copy of the log stands. */
export interface LogPosition {
  logId: string;
  seq: number;
}

/**
 * What other servers sharing the store appended after a position: the current log's next events, or a
 * log opened since (with its events from its start). Always empty on a store one server owns.
 */
export interface StoreTail {
  newLog: LogMeta | null;
  events: LogEvent[];
}

export const emptyTail: StoreTail = { newLog: null, events: [] };

export interface EventStore {
  readonly kind: StoreKind;
  /**
   * Decides and commits as the only writer of the store: under a lock that orders the appends of every
   * server sharing it, `decide` is given what they appended after `position` and returns the batch to
   * commit (null: nothing). Rejects, committing nothing, on any failure.
   */
  exclusive(position: LogPosition, decide: (tail: StoreTail) => Promise<AppendBatch | null>): Promise<void>;
  /** What other servers appended after `position` (a committed prefix, read without the lock). */
  tail(position: LogPosition): Promise<StoreTail>;
  /** Calls `listener` when another server may have appended (a wake-up: read with `tail`); returns the unsubscribe. */
  onAppended(listener: () => void): () => void;
  /** The most recently created log, if any, with its current epoch. */
  currentLog(): Promise<LogMeta | null>;
  /** Events of a log with seq > afterSeq, in order, at most `limit`. */
  readEvents(logId: string, afterSeq: number, limit: number): Promise<LogEvent[]>;
  findIdempotency(logId: string, actorKey: string, key: string): Promise<IdempotencyRecord | null>;
  /** Commits a batch atomically; rejects (committing nothing) on any failure. */
  append(batch: AppendBatch): Promise<void>;
  saveSnapshot(logId: string, snapshot: Snapshot): Promise<void>;
  latestSnapshot(logId: string): Promise<Snapshot | null>;
  /**
   * Saves chart points ahead of the snapshot that will end their chain (series rebuilt from the log,
   * saved as they are rebuilt); from seq 0, it replaces the log's earlier chunks.
   */
  saveSeriesChunk(logId: string, chunk: SeriesChunk): Promise<void>;
  /** The heads of a log's saved chart chunks, in seq order. */
  seriesHeads(logId: string): Promise<SeriesChunkHead[]>;
  /** Saved chart chunks ending after `afterSeq` and at most at `throughSeq`, in seq order, at most `limit`. */
  readSeriesChunks(logId: string, afterSeq: number, throughSeq: number, limit: number): Promise<SeriesChunk[]>;
  /** Keeps the registry body a log was created or extended with. */
  saveRegistry(version: string, body: unknown): Promise<void>;
  loadRegistry(version: string): Promise<unknown>;
  /** Records that a log now runs with another (compatible) registry version. */
  setLogRegistry(logId: string, version: string): Promise<void>;
  /** Writes to one tracked item (`kind/id`), newest first. */
  itemEvents(logId: string, itemKey: string, page: PageQuery): Promise<EventPage>;
  /** Events of one type (the main courante's `log.entry-added`), newest first. */
  typeEvents(logId: string, type: LogEvent['type'], page: PageQuery): Promise<EventPage>;
  /** Every event with its origin, newest first, optionally for one actor. */
  auditEvents(logId: string, page: PageQuery & { actorId?: string | undefined }): Promise<EventPage>;
  close(): Promise<void>;
}

/**
 * Thrown when the store cannot be written to at all for now (its database unreachable, read-only
 * during a failover): the server suspends changes until it can write again, rather than fail each one.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the store cannot be written to: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Thrown when a live store is asked to record scenario events. */
export class ScenarioRefusedError extends Error {
  constructor() {
    super('a live store refuses scenario events');
  }
}

/** The key of a tracked item in the store's item index: `kind/id`. */
export const itemKey = (item: ItemRef): string => `${item.kind}/${item.id}`;

/** The item key of an event's tracked item, null for other events. */
export const itemKeyOf = (e: LogEvent): string | null =>
  e.type === 'value.set' || e.type === 'value.ignored' || e.type === 'value.released' ? itemKey(e.data.item) : null;
