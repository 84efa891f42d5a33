/**
 * What a store copy carries: every table of the event store and of the access store, with the kind of
 * each column, so one row reads the same from SQLite and from PostgreSQL (a flag is 0/1 in one and a
 * boolean in the other, roles a JSON text in one and a text array in the other). The store kind is
 * not a table here: each side is opened as the source's kind.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@vigie/shared';

/**
 * How a column's value travels: `text`, `int` (a bigint arrives as a string from PostgreSQL), `bool`,
 * `real` (a chart chunk's time: INTEGER in SQLite, double precision in PostgreSQL), `bytes` (copied
 * bit for bit), `json` (jsonb in PostgreSQL, JSON text in SQLite), `list` (text[] / a JSON array).
 */
export type ValueKind = 'text' | 'int' | 'bool' | 'real' | 'bytes' | 'json' | 'list';

export interface TableSpec {
  name: string;
  /** Which store holds it (two SQLite files, one PostgreSQL database). */
  store: 'events' | 'access';
  columns: readonly (readonly [name: string, kind: ValueKind])[];
  /** The primary key, leading columns: pages are read in its order. */
  key: readonly string[];
  /** A column PostgreSQL generates (the journal's seq): copied as is, and the generator moved past it. */
  identity?: string;
}

/** A row as both sides give it: one value per column, in the table's column order. */
export type Row = unknown[];

const text = (name: string) => [name, 'text'] as const;
const int = (name: string) => [name, 'int'] as const;

/** In an order that satisfies the foreign keys (logs before events, accounts and screens before sessions). */
export const storeTables: readonly TableSpec[] = [
  {
    name: 'logs',
    store: 'events',
    columns: [
      text('log_id'),
      int('ordinal'),
      int('epoch'),
      ['demo', 'bool'],
      text('registry_version'),
      text('created_at'),
    ],
    key: ['log_id'],
  },
  { name: 'registries', store: 'events', columns: [text('version'), text('body')], key: ['version'] },
  {
    name: 'events',
    store: 'events',
    columns: [
      text('log_id'),
      int('seq'),
      text('type'),
      text('data'),
      text('actor'),
      text('actor_id'),
      text('recorded_at'),
      text('command_id'),
      text('idempotency_key'),
      text('origin'),
      text('item_key'),
    ],
    key: ['log_id', 'seq'],
  },
  {
    name: 'idempotency',
    store: 'events',
    columns: [text('log_id'), text('actor_key'), text('key'), text('request_hash'), text('result')],
    key: ['log_id', 'actor_key', 'key'],
  },
  {
    name: 'snapshots',
    store: 'events',
    columns: [text('log_id'), int('seq'), text('registry_version'), text('state')],
    key: ['log_id', 'seq'],
  },
  {
    name: 'series_chunks',
    store: 'events',
    columns: [
      text('log_id'),
      int('to_seq'),
      int('from_seq'),
      text('registry_version'),
      ['time', 'real'],
      text('last'),
      text('counts'),
      ['points', 'bytes'],
    ],
    key: ['log_id', 'to_seq'],
  },
  {
    name: 'accounts',
    store: 'access',
    columns: [
      text('id'),
      text('login'),
      text('name'),
      ['roles', 'list'],
      ['scope', 'json'],
      text('password_hash'),
      ['disabled', 'bool'],
      text('created_at'),
      text('last_sign_in_at'),
    ],
    key: ['id'],
  },
  {
    name: 'screens',
    store: 'access',
    columns: [
      text('id'),
      text('name'),
      text('created_at'),
      text('paired_at'),
      text('last_seen_at'),
      text('revoked_at'),
    ],
    key: ['id'],
  },
  {
    name: 'codes',
    store: 'access',
    columns: [text('hash'), text('account_id'), text('expires_at'), text('used_at')],
    key: ['hash'],
  },
  {
    name: 'pairings',
    store: 'access',
    columns: [text('hash'), text('screen_id'), text('expires_at'), text('used_at')],
    key: ['hash'],
  },
  {
    name: 'sessions',
    store: 'access',
    columns: [
      text('id'),
      text('token_hash'),
      text('account_id'),
      text('screen_id'),
      text('created_at'),
      text('last_seen_at'),
      text('expires_at'),
      text('address'),
      text('user_agent'),
      text('ended_at'),
      text('end_reason'),
    ],
    key: ['id'],
  },
  {
    name: 'journal',
    store: 'access',
    columns: [
      int('seq'),
      text('at'),
      text('actor_id'),
      text('actor_name'),
      text('action'),
      text('target'),
      text('address'),
      text('session_id'),
    ],
    key: ['seq'],
    identity: 'seq',
  },
];

export const tableNamed = (name: string): TableSpec => storeTables.find((t) => t.name === name)!;

/** The values of a row's key columns, to read the page after it. */
export const keyOf = (table: TableSpec, row: Row): unknown[] =>
  table.key.map((k) => row[table.columns.findIndex(([name]) => name === k)]);

/** A value as its digest sees it: JSON objects with their keys sorted (jsonb reorders them), bytes in hex. */
function canonical(kind: ValueKind, value: unknown): unknown {
  if (value === null) return null;
  if (kind === 'json') return canonicalJson(value);
  if (kind === 'bytes') return (value as Buffer).toString('hex');
  return value;
}

/** A row's 128-bit hash (the start of the SHA-256 of its canonical values). */
export function rowHash(table: TableSpec, row: Row): bigint {
  const values = table.columns.map(([, kind], i) => canonical(kind, row[i]));
  return BigInt(`0x${createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 32)}`);
}

/** 2^128: digests are sums of 128-bit row hashes. */
const MOD = 1n << 128n;

/**
 * A table's content in a few bytes: its row count and the sum of its rows' hashes. A sum, not a chained
 * hash, so it does not depend on the order rows are read in (PostgreSQL sorts text by the database's
 * collation, SQLite bytewise) while any changed, missing or extra row still changes it.
 */
export class TableDigest {
  rows = 0;
  private sum = 0n;

  add(hash: bigint): void {
    this.sum = (this.sum + hash) % MOD;
    this.rows += 1;
  }

  get value(): string {
    return this.sum.toString(16).padStart(32, '0');
  }

  equals(other: TableDigest): boolean {
    return this.rows === other.rows && this.sum === other.sum;
  }
}
