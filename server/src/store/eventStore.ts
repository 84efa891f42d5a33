/**
 * The store: an append-only event log per incident, plus idempotency records. Asynchronous so a
 * PostgreSQL implementation fits the same interface; an append resolves only once committed.
 */
import type { LogEvent, LogMeta, Origin } from '@vigie/shared';

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

export interface EventStore {
  readonly kind: StoreKind;
  /** The most recently created log, if any. */
  currentLog(): Promise<LogMeta | null>;
  /** Events of a log with seq > afterSeq, in order, at most `limit`. */
  readEvents(logId: string, afterSeq: number, limit: number): Promise<LogEvent[]>;
  findIdempotency(logId: string, actorKey: string, key: string): Promise<IdempotencyRecord | null>;
  /** Commits a batch atomically; rejects (committing nothing) on any failure. */
  append(batch: AppendBatch): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when a live store is asked to record scenario events. */
export class ScenarioRefusedError extends Error {
  constructor() {
    super('a live store refuses scenario events');
  }
}
