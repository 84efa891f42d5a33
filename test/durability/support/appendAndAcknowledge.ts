/**
 * Appends batches to a store file one after another, printing `acknowledged N` once each append has
 * resolved (as the log acknowledges a request): run under strace, it shows what reached the disk first.
 */
import { writeSync } from 'node:fs';
import { buildMeta } from '@vigie/shared/testing';
import { openStoreForTest } from '@vigie/server/testing';
import type { LogEvent } from '@vigie/shared';

const [path, batches] = process.argv.slice(2);
const store = openStoreForTest(path!, 'live');
const meta = buildMeta({ logId: 'traced-log' });
await store.append({ logId: meta.logId, newLog: meta, events: [], idempotency: [] });
const by = { kind: 'person' as const, id: 'trace', name: 'Trace' };
let seq = 0;
for (let n = 1; n <= Number(batches); n++) {
  const events = Array.from({ length: 50 }, () => {
    seq += 1;
    const body = { type: 'log.entry-added', data: { text: `entrée ${seq}`, category: 'info' } };
    const event = { ...body, seq, by, recordedAt: new Date().toISOString(), commandId: `c${seq}` } as LogEvent;
    return { event, origin: { sessionId: null, address: null }, idempotencyKey: `k${seq}` };
  });
  await store.append({ logId: meta.logId, events, idempotency: [] });
  writeSync(1, `acknowledged ${n}\n`);
}
await store.close();
