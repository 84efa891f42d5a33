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
import { openSqliteAccessStore, type SqliteAccessStore } from './store/sqlite/sqliteAccessStore.ts';
import { openSqliteStore, type SqliteStore } from './store/sqlite/sqliteStore.ts';
import { seedSession, type SeededSession } from './access/seedSession.ts';
import type { Scope } from '@vigie/shared';

export { seedSession, type SeededSession } from './access/seedSession.ts';
export { openSqliteAccessStore } from './store/sqlite/sqliteAccessStore.ts';

export { ScenarioPlayer } from './scenario/scenarioPlayer.ts';
export { loadScenario } from './scenario/scenarioFile.ts';
export { openSqliteStore as openStoreForTest } from './store/sqlite/sqliteStore.ts';
export { backupNow, restoreBackup } from './store/sqlite/backups.ts';
export { ChartSeries } from './domain/chartSeries.ts';
export { foldCounting } from './domain/seriesCounts.ts';
export { unsavedChunk } from './log/logSeries.ts';

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
  accessStore: SqliteAccessStore;
  /** The origins the server accepts (its own, once listening); a test may add a LAN name. */
  allowedOrigins: string[];
  /** A fresh account with these roles and a session (its cookie goes in the client's headers). */
  as: (role: Role | Role[], options?: { scope?: Scope; name?: string }) => Promise<SeededSession>;
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
  // The server's own origins, once its port is known (a test may name others).
  const origins: string[] = [];
  const accessStore = openSqliteAccessStore(storePath.replace(/\.sqlite$/, '') + '-access.sqlite');
  const app = await createApp({
    store: wrapStore ? wrapStore(store) : store,
    accessStore,
    registry: registry ?? defaultRegistry(),
    options: {
      buildId: 'test-build',
      coalesceMs: 75,
      coalesceMaxMs: 1000,
      heartbeatMs: 2000,
      maxCatchUpEvents: 2000,
      openRead: true,
      requestsPerSecond: 1000,
      network: { allowedOrigins: origins, trustProxy: [] },
      clientDist: join(storePath, '..', 'no-client'),
      ...options,
    },
  });
  const port = await app.listen(wanted ?? 0, '127.0.0.1');
  if (!options.network) origins.push(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    store,
    storePath,
    accessStore,
    allowedOrigins: origins,
    as: (role, { scope, name } = {}) => {
      const roles = Array.isArray(role) ? role : [role];
      return seedSession(accessStore, {
        name: name ?? `Personne ${roles.join('+')}`,
        roles,
        ...(scope ? { scope } : {}),
      });
    },
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
