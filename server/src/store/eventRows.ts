/**
 * Events and logs as both engines store them (the same columns, JSON kept as text), and back: what
 * is read is what was validated on its way in, so it is not parsed against the schemas again (that
 * would slow every replay).
 */
import type { LogEvent, LogMeta, Origin } from '@vigie/shared';
import { itemKeyOf, type StoredEvent } from './eventStore.ts';

export interface EventRow {
  seq: number;
  type: string;
  data: string;
  actor: string;
  recorded_at: string;
  command_id: string;
  idempotency_key: string;
  origin: string;
}

export const EVENT_COLUMNS = 'seq, type, data, actor, recorded_at, command_id, idempotency_key, origin';

/** A log row; `demo` is 0/1 in SQLite, a boolean in PostgreSQL. */
export interface LogRow {
  log_id: string;
  epoch: number;
  demo: number | boolean;
  registry_version: string;
  created_at: string;
}

export const toEvent = (r: EventRow) =>
  ({
    seq: r.seq,
    type: r.type,
    data: JSON.parse(r.data) as unknown,
    by: JSON.parse(r.actor) as unknown,
    recordedAt: r.recorded_at,
    commandId: r.command_id,
  }) as LogEvent;

export const toStored = (r: EventRow): StoredEvent => ({
  event: toEvent(r),
  origin: JSON.parse(r.origin) as Origin,
  idempotencyKey: r.idempotency_key,
});

export const toMeta = (r: LogRow): LogMeta => ({
  logId: r.log_id,
  epoch: r.epoch,
  demo: r.demo === 1 || r.demo === true,
  registryVersion: r.registry_version,
  createdAt: r.created_at,
});

/** The columns written for a stored event after its log id, in EVENT_COLUMNS order then actor id and item key. */
export const eventValues = ({ event: e, origin, idempotencyKey }: StoredEvent) =>
  [
    e.seq,
    e.type,
    JSON.stringify(e.data),
    JSON.stringify(e.by),
    `${e.by.kind}:${e.by.id}`,
    e.recordedAt,
    e.commandId,
    idempotencyKey,
    JSON.stringify(origin),
    itemKeyOf(e),
  ] as const;
