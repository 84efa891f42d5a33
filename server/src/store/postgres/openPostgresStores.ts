/**
 * The stores of a deployment on PostgreSQL: the event store and the access store on one pool, their
 * schemas migrated. `release` ends the pool once both are closed.
 */
import type { StoreKind } from '../eventStore.ts';
import { openPgAccessStore } from './pgAccessStore.ts';
import { openPgEventStore } from './pgEventStore.ts';
import { openPool } from './pool.ts';

export async function openPostgresStores(url: string, kind: StoreKind) {
  const pool = openPool(url);
  try {
    const store = await openPgEventStore(pool, kind);
    const accessStore = await openPgAccessStore(pool, { listen: true });
    return { store, accessStore, release: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
