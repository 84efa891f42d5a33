import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followCopy, noEntries, olderCursor, withOlder, type CopyLog } from '@vigie/client/log';
import {
  logEntriesOf,
  queryDataSchemas,
  SITUATION_LOG_ENTRIES,
  type LogEntry,
  type LogPage,
  type Reply,
} from '@vigie/shared';
import { buildPrincipal, startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
const clients: ObservedClient[] = [];
const track = async (connecting: Promise<ObservedClient>) => {
  const client = await connecting;
  clients.push(client);
  return client;
};

beforeEach(async () => {
  // Entries written together are committed together whatever this machine's speed (see writeEntries).
  server = await startTestServer({ batchDecideMs: Number.POSITIVE_INFINITY });
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
  expect(contractViolations).toEqual([]);
});

const origin = { sessionId: null, address: null };
const commanders = ['alice', 'bruno', 'chloe'].map((id) => ({ principal: buildPrincipal('commander', id), origin }));

/** `count` entries by three commanders, sent in one event-loop turn (so committed and broadcast together). */
async function writeEntries(count: number, label = 'entrée') {
  const replies = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      server.app.log.submit(
        'log:add-entry',
        { idempotencyKey: key(), type: 'information', text: `${label} ${i}`, verification: 'a-verifier' },
        commanders[i % commanders.length]!,
      ),
    ),
  );
  expect(replies.every((r) => r.ok)).toBe(true);
}

/** Every main-courante entry the store holds, newest first. */
async function storedEntries(): Promise<LogEntry[]> {
  const events = await server.store.readEvents(server.app.log.current.logId, 0, 1_000_000);
  return logEntriesOf(events).reverse();
}

const seqs = (entries: LogEntry[]) => entries.map((e) => e.seq);

/** What the client's copy says of the main courante. */
function copyOf(c: ObservedClient): CopyLog {
  const sync = c.sync();
  if (sync.kind !== 'situation') throw new Error('no situation copy');
  return { logId: sync.logId, log: sync.state.log, logCount: sync.state.logCount };
}

const caughtUp = (c: ObservedClient) =>
  c.until(() => {
    const sync = c.sync();
    return sync.kind !== 'empty' && sync.seq === server.app.log.situation.seq;
  });

async function page(c: ObservedClient, input: unknown): Promise<LogPage> {
  const reply: Reply = await c.send('log:list', input);
  if (!reply.ok) throw new Error(`log:list refused: ${reply.error.code}`);
  return queryDataSchemas['log:list'].parse(reply.data);
}

describe('the main courante reaching the screens', () => {
  it('brings a viewer every entry several commanders wrote between two broadcasts, far more than fifty', async () => {
    const viewer = await track(observed(server.url, await server.as('viewer')));
    const count = 90;
    await writeEntries(count);
    await caughtUp(viewer);

    const received = viewer.patches.flatMap((m) => ('log' in m.patch ? (m.patch.log ?? []) : []));
    expect(seqs(received).sort((a, b) => b - a)).toEqual(seqs(await storedEntries()));
    // They came in one broadcast.
    expect(Math.max(...viewer.patches.map((m) => ('log' in m.patch ? (m.patch.log?.length ?? 0) : 0)))).toBe(count);
    expect(copyOf(viewer).logCount).toBe(count);
    expect(followCopy(noEntries, copyOf(viewer)).held.entries).toHaveLength(count);
  });

  it('lets a client that missed entries beyond the window page them, and holds the whole run again', async () => {
    const viewer = await track(observed(server.url, await server.as('viewer')));
    await writeEntries(10, 'avant');
    await caughtUp(viewer);
    const before = followCopy(noEntries, copyOf(viewer)).held;
    expect(before.entries).toHaveLength(10);

    viewer.socket.disconnect();
    await writeEntries(SITUATION_LOG_ENTRIES + 40, 'pendant');
    viewer.socket.connect();
    await caughtUp(viewer);

    const { held, missed } = followCopy(before, copyOf(viewer));
    expect(copyOf(viewer).log).toHaveLength(SITUATION_LOG_ENTRIES);
    expect(missed).toBe(40);
    const cursor = olderCursor(held)!;
    const filled = withOlder(held, cursor, (await page(viewer, { before: cursor, limit: missed })).entries);
    const all = await storedEntries();
    expect(seqs(filled.entries)).toEqual(seqs(all.slice(0, SITUATION_LOG_ENTRIES + 40)));
    // The ten entries from before are the next older page.
    const rest = withOlder(filled, olderCursor(filled)!, (await page(viewer, { before: olderCursor(filled) })).entries);
    expect(rest.entries).toEqual(all);
    expect(olderCursor(rest)).toBeNull();
  });
});

describe('log:list', () => {
  it('pages the whole main courante newest first, to any reader of the situation', async () => {
    await writeEntries(120);
    const all = await storedEntries();
    const reader = await track(observed(server.url)); // no account: reads as a viewer
    const first = await page(reader, { limit: 50 });
    expect(first.entries).toEqual(all.slice(0, 50));
    const second = await page(reader, { before: first.before, limit: 100 });
    expect(second.entries).toEqual(all.slice(50));
    expect(second.before).toBeNull();
  });

  it('refuses the public audience and a malformed page, changing nothing', async () => {
    const pub = await track(observed(server.url, { audience: 'public' }));
    const viewer = await track(observed(server.url, await server.as('viewer')));
    const seq = server.app.log.situation.seq;
    const code = (r: Reply) => (r.ok ? 'ok' : r.error.code);
    expect(code(await pub.send('log:list', {}))).toBe('forbidden');
    for (const input of [{ limit: 0 }, { limit: 201 }, { before: -1 }, { before: 'x' }, { extra: true }]) {
      expect(code(await viewer.send('log:list', input))).toBe('invalid_payload');
    }
    expect(server.app.log.situation.seq).toBe(seq);
  });
});
