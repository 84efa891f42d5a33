import { describe, expect, it } from 'vitest';
import { logEntriesOf, type LogEntry } from '@vigie/shared';
import { buildEvents, buildLogEntry } from '@vigie/shared/testing';
import { followCopy, MAX_HELD_ENTRIES, noEntries, olderCursor, withOlder, type CopyLog } from './heldEntries.ts';

/** Entries with seq 1..count, oldest first. */
function buildEntries(count: number): LogEntry[] {
  const events = buildEvents(Array.from({ length: count }, (_, i) => buildLogEntry(`d${i}`)));
  return logEntriesOf(events);
}

const all = buildEntries(400);
/** The copy after `count` entries, carrying the latest `window` of them. */
const copyAt = (count: number, window = 100, logId = 'log.1'): CopyLog => ({
  logId,
  log: all.slice(Math.max(0, count - window), count),
  logCount: count,
});
const seqs = (entries: LogEntry[]) => entries.map((e) => e.seq);
const newest = (from: number, to: number) => seqs(all.slice(from, to)).reverse();

describe('followCopy', () => {
  it('takes in what the copy adds, newest first, as long as nothing was skipped', () => {
    let { held } = followCopy(noEntries, copyAt(30));
    ({ held } = followCopy(held, copyAt(90)));
    const next = followCopy(held, copyAt(160));
    expect(next.missed).toBe(0);
    expect(seqs(next.held.entries)).toEqual(newest(0, 160));
    expect(olderCursor(next.held)).toBeNull();
  });

  it('counts the entries the copy skipped, keeps a run with no hole, and takes the page that fills it', () => {
    const { held: before } = followCopy(noEntries, copyAt(30));
    const { held, missed } = followCopy(before, copyAt(170));
    expect(missed).toBe(40);
    expect(seqs(held.entries)).toEqual(newest(70, 170));
    expect(olderCursor(held)).toBe(71);
    const filled = withOlder(held, 71, [...all.slice(30, 70)].reverse());
    expect(seqs(filled.entries)).toEqual(newest(30, 170));
  });

  it('starts again on another log', () => {
    const { held } = followCopy(noEntries, copyAt(50));
    const other = followCopy(held, { logId: 'log.2', log: all.slice(0, 3), logCount: 3 });
    expect(other).toEqual({ held: { logId: 'log.2', entries: [...all.slice(0, 3)].reverse(), count: 3 }, missed: 0 });
  });

  it('keeps a bounded number of entries, the newest, and offers no older page past it', () => {
    const long = buildEntries(MAX_HELD_ENTRIES + 500);
    const { held } = followCopy(noEntries, { logId: 'log.1', log: long.slice(-100), logCount: long.length });
    const paged = withOlder(held, olderCursor(held)!, long.slice(0, -100).reverse());
    expect(paged.entries).toHaveLength(MAX_HELD_ENTRIES);
    expect(paged.entries[0]?.seq).toBe(long.length);
    // It holds all it may: no further page is offered (a page would only be cut away again).
    expect(olderCursor(paged)).toBeNull();
  });
});

describe('withOlder', () => {
  it('ignores a page asked for before the held run changed', () => {
    const { held } = followCopy(noEntries, copyAt(150));
    expect(withOlder(held, 12, all.slice(0, 5))).toBe(held);
  });
});
