/**
 * The main-courante entries a screen holds: newest first, always a run with no hole that ends at the
 * latest entry. The copy brings the latest window live; older entries come a page at a time with
 * `log:list`. When more entries were added than the window carries (a flood, a reconnect after a
 * while), the copy's count says how many were missed and the screen pages for them. Pure.
 */
import type { LogEntry } from '@vigie/shared';

/** Entries a screen keeps at most (the oldest are dropped first). */
export const MAX_HELD_ENTRIES = 2000;

export interface HeldEntries {
  logId: string | null;
  /** Newest first, with no hole between the first and the last. */
  entries: LogEntry[];
  /** Entries the log had when the copy was last followed (the copy's `logCount`). */
  count: number;
}

/** What a screen's copy of the situation says of the main courante. */
export interface CopyLog {
  logId: string;
  /** The latest entries, oldest first. */
  log: LogEntry[];
  logCount: number;
}

export const noEntries: HeldEntries = { logId: null, entries: [], count: 0 };

const newestFirst = (log: LogEntry[]) => [...log].reverse();
const bounded = (entries: LogEntry[]) =>
  entries.length > MAX_HELD_ENTRIES ? entries.slice(0, MAX_HELD_ENTRIES) : entries;

/**
 * Takes in what the copy added. `missed` counts the entries added that neither the copy nor `held`
 * carries: they come just before the oldest entry now held, and the screen pages for them.
 */
export function followCopy(held: HeldEntries, copy: CopyLog): { held: HeldEntries; missed: number } {
  if (held.logId !== copy.logId || copy.logCount < held.count) {
    return { held: { logId: copy.logId, entries: newestFirst(copy.log), count: copy.logCount }, missed: 0 };
  }
  if (copy.logCount === held.count) return { held, missed: 0 };
  const latest = held.entries[0]?.seq ?? 0;
  const fresh = newestFirst(copy.log.filter((e) => e.seq > latest));
  const missed = copy.logCount - held.count - fresh.length;
  if (missed <= 0) {
    return { held: { ...held, entries: bounded([...fresh, ...held.entries]), count: copy.logCount }, missed: 0 };
  }
  // A hole: keep only the run the copy carries (still no hole); the missed entries come next, by page.
  return { held: { ...held, entries: newestFirst(copy.log), count: copy.logCount }, missed };
}

/** Where the next older page starts (the oldest entry held), or null when every entry is held or the screen holds all it may. */
export function olderCursor(held: HeldEntries): number | null {
  const oldest = held.entries.at(-1);
  const more = held.entries.length < held.count && held.entries.length < MAX_HELD_ENTRIES;
  return oldest && more ? oldest.seq : null;
}

/** Adds a page of entries older than `before` (newest first), when `before` is still the oldest held. */
export function withOlder(held: HeldEntries, before: number, page: LogEntry[]): HeldEntries {
  if (held.entries.at(-1)?.seq !== before) return held;
  const older = page.filter((e) => e.seq < before);
  return older.length === 0 ? held : { ...held, entries: bounded([...held.entries, ...older]) };
}
