/** Test helpers: a real server on port 0 over a real SQLite file in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '@vigie/shared';
import { createApp, type App, type AppOptions } from './app.ts';
import { DEFAULT_REGISTRY_PATH } from './config/env.ts';
import type { Principal, Role } from './domain/context.ts';
import { loadRegistry } from './registry/loadRegistry.ts';
import type { EventStore, StoreKind } from './store/eventStore.ts';
import { openSqliteStore } from './store/sqlite/sqliteStore.ts';

export { ScenarioPlayer } from './scenario/scenarioPlayer.ts';
export { loadScenario } from './scenario/scenarioFile.ts';

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
  store: EventStore;
  storePath: string;
  close: () => Promise<void>;
}

/** Starts a server with the default registry (unless given) on a fresh SQLite file. */
export async function startTestServer(
  overrides: Partial<AppOptions> & {
    registry?: Registry;
    kind?: StoreKind;
    wrapStore?: (s: EventStore) => EventStore;
  } = {},
): Promise<TestServer> {
  const tmp = tempDir();
  const storePath = join(tmp.dir, 'test.sqlite');
  const raw = openSqliteStore(storePath, overrides.kind ?? 'live');
  const store = overrides.wrapStore ? overrides.wrapStore(raw) : raw;
  const app = await createApp({
    store,
    registry: overrides.registry ?? defaultRegistry(),
    options: {
      buildId: 'test-build',
      coalesceMs: 50,
      heartbeatMs: 2000,
      maxCatchUpEvents: 2000,
      devIdentity: true,
      clientDist: join(tmp.dir, 'no-client'),
      ...overrides,
    },
  });
  const port = await app.listen(0, '127.0.0.1');
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    store,
    storePath,
    close: async () => {
      await app.close();
      tmp.remove();
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
