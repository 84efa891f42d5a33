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
import type { AccessStore } from './access/accessStore.ts';
import type { EventStore, StoreKind } from './store/eventStore.ts';
import { openPostgresStores } from './store/postgres/openPostgresStores.ts';
import type { PgEventStore } from './store/postgres/pgEventStore.ts';
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
export { createTestDatabase, type TestDatabase } from './store/postgres/testDatabase.ts';
export { openPostgresStores } from './store/postgres/openPostgresStores.ts';

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

export interface TestServer<S extends EventStore = SqliteStore, A extends AccessStore = SqliteAccessStore> {
  app: App;
  port: number;
  url: string;
  store: S;
  storePath: string;
  accessStore: A;
  /** The origins the server accepts (its own, once listening); a test may add a LAN name. */
  allowedOrigins: string[];
  /** A fresh account with these roles and a session (its cookie goes in the client's headers). */
  as: (role: Role | Role[], options?: { scope?: Scope; name?: string }) => Promise<SeededSession>;
  /** Stops the server and removes its folder (unless the folder was given). */
  close: () => Promise<void>;
}

type TestServerOptions = Partial<AppOptions> & {
  registry?: Registry;
  kind?: StoreKind;
  wrapStore?: (s: EventStore) => EventStore;
  port?: number;
};

/**
 * Starts a server on a fresh SQLite file (or on `storePath`, to restart over the same store),
 * with the default registry unless given, on port 0 (or `port`, to come back where clients wait).
 */
export async function startTestServer(overrides: TestServerOptions & { storePath?: string } = {}): Promise<TestServer> {
  const { storePath: given, ...rest } = overrides;
  const tmp = given ? null : tempDir();
  const storePath = given ?? join(tmp!.dir, 'test.sqlite');
  const store = openSqliteStore(storePath, overrides.kind ?? 'live');
  const accessStore = openSqliteAccessStore(storePath.replace(/\.sqlite$/, '') + '-access.sqlite');
  return serve(store, accessStore, storePath, rest, () => tmp?.remove());
}

/**
 * Starts one node of a deployment on the PostgreSQL database `url` (several nodes may share it), as
 * `startTestServer` does otherwise.
 */
export async function startTestNode(
  url: string,
  overrides: TestServerOptions = {},
): Promise<TestServer<PgEventStore, AccessStore>> {
  const { store, accessStore, release } = await openPostgresStores(url, overrides.kind ?? 'live');
  const tmp = tempDir();
  return serve(store, accessStore, join(tmp.dir, 'node'), overrides, async () => {
    await release();
    tmp.remove();
  });
}

async function serve<S extends EventStore, A extends AccessStore>(
  store: S,
  accessStore: A,
  storePath: string,
  overrides: TestServerOptions,
  cleanup: () => void | Promise<void>,
): Promise<TestServer<S, A>> {
  const { registry, kind: _kind, wrapStore, port: wanted, ...options } = overrides;
  // The server's own origins, once its port is known (a test may name others).
  const origins: string[] = [];
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
      await cleanup();
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
