/** Test helpers: a real server on port 0 over a real SQLite file in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '@vigie/shared';
import { createApp, type App, type AppOptions } from './app.ts';

export { DEFAULT_CLIENT_DIST } from './app.ts';
import { DEFAULT_REGISTRY_PATH } from './config/env.ts';
import type { Principal, Role } from './domain/context.ts';
import { loadRegistry } from './registry/loadRegistry.ts';
import type { EventStore, StoreKind } from './store/eventStore.ts';
import { openSqliteStore, type SqliteStore } from './store/sqlite/sqliteStore.ts';

export { ScenarioPlayer } from './scenario/scenarioPlayer.ts';
export { loadScenario } from './scenario/scenarioFile.ts';
export { openSqliteStore as openStoreForTest } from './store/sqlite/sqliteStore.ts';
export { backupNow, restoreBackup } from './store/sqlite/backups.ts';

/** A temporary folder removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function defaultRegistry(): Registry {
  return loadRegistry(DEFAULT_REGISTRY_PATH);
}

export function buildPrincipal(role: Role = 'lead', id = `person-${role}`): Principal {
  return { actor: { kind: 'person', id, name: `Personne ${role}` }, roles: [role] };
}

export interface TestServer {
  app: App;
  port: number;
  url: string;
  store: SqliteStore;
  storePath: string;
  /** Stops the server and removes its folder (unless the folder was given). */
  close: () => Promise<void>;
}

/**
 * Starts a server on a fresh SQLite file (or on `storePath`, to restart over the same store),
 * with the default registry unless given, on port 0 (or `port`, to come back where clients wait).
 */
export async function startTestServer(
  overrides: Partial<AppOptions> & {
    registry?: Registry;
    kind?: StoreKind;
    wrapStore?: (s: EventStore) => EventStore;
    storePath?: string;
    port?: number;
  } = {},
): Promise<TestServer> {
  const { registry, kind, wrapStore, storePath: given, port: wanted, ...options } = overrides;
  const tmp = given ? null : tempDir();
  const storePath = given ?? join(tmp!.dir, 'test.sqlite');
  const store = openSqliteStore(storePath, kind ?? 'live');
  const app = await createApp({
    store: wrapStore ? wrapStore(store) : store,
    registry: registry ?? defaultRegistry(),
    options: {
      buildId: 'test-build',
      coalesceMs: 75,
      heartbeatMs: 2000,
      maxCatchUpEvents: 2000,
      devIdentity: true,
      clientDist: join(storePath, '..', 'no-client'),
      ...options,
    },
  });
  const port = await app.listen(wanted ?? 0, '127.0.0.1');
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    store,
    storePath,
    close: async () => {
      await app.close();
      tmp?.remove();
    },
  };
}

/** A store that behaves like `store` except for the methods given (e.g. an append that fails). */
export function withOverrides(store: EventStore, overrides: Partial<EventStore>): EventStore {
  return new Proxy(store, {
    get: (target, name, receiver) =>
      name in overrides ? overrides[name as keyof EventStore] : (Reflect.get(target, name, receiver) as unknown),
  });
}
