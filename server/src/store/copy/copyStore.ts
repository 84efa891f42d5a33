/**
 * Copies a whole Vigie store (event store and access store) from one place to another, SQLite files
 * or a PostgreSQL database, then checks the copy by reading the target back: every table's row count
 * and content digest, each log's events, the store kind, and the current log's situation rebuilt
 * through the normal store code on both sides (its state hash).
 *
 * The rows go across in pages (a long log is never held in memory) but in ONE transaction on the
 * target: a copy cut short (an error, Ctrl-C, a lost connection) leaves the target as empty as it was,
 * so it can simply be run again, where a transaction per page would leave a half store that the next
 * run refuses (a copy never writes into a store that holds anything). Both databases take a
 * transaction of millions of rows in their stride: only their own journal grows.
 */
import { canonicalJson, hashState, RegistrySchema } from '@vigie/shared';
import { rebuildSituation } from '../../log/rebuildSituation.ts';
import type { StoreKind } from '../eventStore.ts';
import {
  CopyRefusedError,
  openSource,
  openTarget,
  sameLocation,
  type StoreLocation,
  type StoreSide,
} from './storeSides.ts';
import { keyOf, rowHash, storeTables, TableDigest, type TableSpec } from './storeTables.ts';

export const DEFAULT_PAGE_SIZE = 5000;

export interface CopyOptions {
  from: StoreLocation;
  to: StoreLocation;
  /** Rows read and written at a time. */
  pageSize?: number;
  onProgress?: (progress: CopyProgress) => void;
  /** Called once the copy is committed, as the target is read back. */
  onVerifying?: () => void;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

/** One table (or one log's events) as read on each side. */
export interface Figures {
  name: string;
  source: TableDigest;
  target: TableDigest;
}

export interface CopyReport {
  kind: StoreKind;
  tables: Figures[];
  /** Each log's events. */
  logs: Figures[];
  /** The current log's situation rebuilt on each side. */
  current: { logId: string; seq: [number, number]; hash: [string, string] };
  storedKind: [string | null, string | null];
  /** What differs between the source and the copy; empty when the copy is exact. */
  differences: string[];
  copyMs: number;
  verifyMs: number;
}

export { CopyRefusedError };

/** The copy was committed, but reading it back failed before it could be compared. */
export class CopyUnverifiedError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`the copy was committed but could not be verified: ${reason}`, { cause });
    this.name = 'CopyUnverifiedError';
  }
}

/** Copies, then verifies; refuses (CopyRefusedError) a missing or busy source and a target that holds anything. */
export async function copyStore(options: CopyOptions): Promise<CopyReport> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`page size must be a positive integer`);
  if (sameLocation(options.from, options.to)) {
    throw new CopyRefusedError('The source and the target are the same store.');
  }
  const source = await openSource(options.from);
  try {
    const target = await openTarget(options.to, source.kind);
    try {
      const started = performance.now();
      const copied = await copyTables(source, target, pageSize, options.onProgress);
      const verifyStarted = performance.now();
      options.onVerifying?.();
      const report = await verify(source, target, copied, pageSize).catch((error: unknown) => {
        throw new CopyUnverifiedError(error);
      });
      return { ...report, copyMs: verifyStarted - started, verifyMs: performance.now() - verifyStarted };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** What was read from the source: each table's digest, and each log's events'. */
interface Read {
  tables: Map<string, TableDigest>;
  logs: Map<string, TableDigest>;
  /** Each log's ordinal, to list them in the order they were opened. */
  ordinals: Map<string, number>;
}

/**
 * Reads every row of `table` a page at a time, digesting it (events also per log) and handing each page
 * on; the next page is read while the previous one is being written (another process's work).
 */
async function eachPage(
  side: StoreSide,
  table: TableSpec,
  pageSize: number,
  read: Read,
  onPage: (rows: unknown[][]) => Promise<void>,
): Promise<void> {
  const digest = new TableDigest();
  read.tables.set(table.name, digest);
  let after: unknown[] | null = null;
  let handing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const rows = await side.readRows(table, after, pageSize);
      for (const row of rows) {
        const hash = rowHash(table, row);
        digest.add(hash);
        // Every log is listed, those without events too.
        if (table.name === 'logs') {
          read.logs.set(row[0] as string, new TableDigest());
          read.ordinals.set(row[0] as string, row[1] as number);
        }
        if (table.name === 'events') {
          const logId = row[0] as string;
          if (!read.logs.has(logId)) read.logs.set(logId, new TableDigest());
          read.logs.get(logId)!.add(hash);
        }
      }
      await handing;
      if (rows.length === 0) break;
      handing = onPage(rows);
      // Its failure is thrown where it is awaited, next turn or below; not an unhandled rejection meanwhile.
      handing.catch(() => undefined);
      if (rows.length < pageSize) break;
      after = keyOf(table, rows.at(-1)!);
    }
  } finally {
    await handing.catch(() => undefined);
  }
  await handing;
}

async function copyTables(
  source: StoreSide,
  target: StoreSide,
  pageSize: number,
  onProgress: CopyOptions['onProgress'],
): Promise<Read> {
  const read: Read = { tables: new Map(), logs: new Map(), ordinals: new Map() };
  await source.startReading();
  try {
    await target.begin();
    try {
      for (const table of storeTables) {
        const total = await source.countRows(table);
        let copied = 0;
        await eachPage(source, table, pageSize, read, async (rows) => {
          await target.writeRows(table, rows);
          copied += rows.length;
          onProgress?.({ table: table.name, copied, total });
        });
        if (copied === 0) onProgress?.({ table: table.name, copied, total });
      }
      await target.commit();
    } catch (error) {
      await target.rollback().catch(() => undefined);
      throw error;
    }
  } finally {
    await source.endReading();
  }
  return read;
}

/** The current log's situation, rebuilt as a server starting on the store would (from its snapshot, then the events). */
async function rebuildCurrent(side: StoreSide) {
  const meta = await side.events.currentLog();
  if (!meta) return null;
  const parsed = RegistrySchema.safeParse(await side.events.loadRegistry(meta.registryVersion));
  if (!parsed.success)
    throw new Error(`the store does not hold registry ${meta.registryVersion}, which its current log runs with`);
  const { state } = await rebuildSituation(side.events, parsed.data, meta);
  return { meta, seq: state.seq, hash: hashState(state) };
}

async function verify(source: StoreSide, target: StoreSide, copied: Read, pageSize: number) {
  const back: Read = { tables: new Map(), logs: new Map(), ordinals: new Map() };
  for (const table of storeTables) await eachPage(target, table, pageSize, back, () => Promise.resolve());
  const pair = (names: Iterable<string>, from: Map<string, TableDigest>, to: Map<string, TableDigest>) =>
    [...new Set(names)].map((name) => ({
      name,
      source: from.get(name) ?? new TableDigest(),
      target: to.get(name) ?? new TableDigest(),
    }));
  const tables = pair(
    storeTables.map((t) => t.name),
    copied.tables,
    back.tables,
  );
  const ordinal = (logId: string) => copied.ordinals.get(logId) ?? back.ordinals.get(logId) ?? 0;
  const logs = pair([...copied.logs.keys(), ...back.logs.keys()], copied.logs, back.logs).sort(
    (a, b) => ordinal(a.name) - ordinal(b.name),
  );

  const differences: string[] = [];
  const compare = (what: string, f: Figures) => {
    if (f.source.equals(f.target)) return;
    differences.push(
      f.source.rows === f.target.rows
        ? `${what}: as many rows (${f.source.rows}) but not the same content`
        : `${what}: ${f.source.rows} in the source, ${f.target.rows} in the target`,
    );
  };
  tables.forEach((t) => compare(t.name, t));
  logs.forEach((l) => compare(`events of log ${l.name}`, l));
  const storedKind: [string | null, string | null] = [await source.storedKind(), await target.storedKind()];
  if (storedKind[0] !== storedKind[1])
    differences.push(`store kind: ${String(storedKind[0])} in the source, ${String(storedKind[1])} in the target`);

  const [a, b] = [await rebuildCurrent(source), await rebuildCurrent(target)];
  if (!a || !b) throw new Error('no current log to rebuild');
  if (canonicalJson(a.meta) !== canonicalJson(b.meta)) {
    differences.push(`current log: ${canonicalJson(a.meta)} in the source, ${canonicalJson(b.meta)} in the target`);
  }
  if (a.hash !== b.hash || a.seq !== b.seq) {
    differences.push(
      `current log's state: seq ${a.seq} hash ${a.hash} in the source, seq ${b.seq} hash ${b.hash} in the target`,
    );
  }
  return {
    kind: source.kind,
    tables,
    logs,
    current: {
      logId: a.meta.logId,
      seq: [a.seq, b.seq] as [number, number],
      hash: [a.hash, b.hash] as [string, string],
    },
    storedKind,
    differences,
  };
}
