/** The log as a prepared Vigie stored it (its SQLite file, or its PostgreSQL database), folded from the start. */
import { join } from 'node:path';
import { openPostgresStores, openStoreForTest } from '@vigie/server/testing';
import { applyEvent, initialSituation, type LogEvent, type Registry, type Situation } from '@vigie/shared';
import type { PreparedVigie } from './vigieServer.ts';

type Readable = Pick<ReturnType<typeof openStoreForTest>, 'currentLog' | 'readEvents'>;

async function fold(store: Readable, registry: Registry): Promise<{ events: LogEvent[]; state: Situation }> {
  const meta = await store.currentLog();
  if (!meta) throw new Error('the store holds no log');
  const events: LogEvent[] = [];
  let state = initialSituation(registry, meta);
  for (let page = await store.readEvents(meta.logId, 0, 10_000); page.length > 0;) {
    for (const e of page) {
      events.push(e);
      state = applyEvent(state, e);
    }
    page = await store.readEvents(meta.logId, state.seq, 10_000);
  }
  return { events, state };
}

/** Every event of the current log and the situation they fold to, as the server holds it. */
export async function readStoredLog(
  prepared: Pick<PreparedVigie, 'dataDir' | 'databaseUrl'>,
  registry: Registry,
): Promise<{ events: LogEvent[]; state: Situation }> {
  if (prepared.databaseUrl) {
    const shared = await openPostgresStores(prepared.databaseUrl, 'live');
    try {
      return await fold(shared.store, registry);
    } finally {
      await shared.accessStore.close();
      await shared.store.close();
      await shared.release();
    }
  }
  const store = openStoreForTest(join(prepared.dataDir, 'vigie.sqlite'), 'live');
  try {
    return await fold(store, registry);
  } finally {
    await store.close();
  }
}
