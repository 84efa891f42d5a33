/** Composition root: settings, registry, store, server, and the demo scenario when in demo mode. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashState } from '@vigie/shared';
import { DEFAULT_CLIENT_DIST, createApp } from './app.ts';
import { loadConfig } from './config/env.ts';
import { loadRegistry } from './registry/loadRegistry.ts';
import { loadScenario } from './scenario/scenarioFile.ts';
import { ScenarioPlayer } from './scenario/scenarioPlayer.ts';
import { openSqliteStore } from './store/sqlite/sqliteStore.ts';

const config = loadConfig();
const registry = loadRegistry(config.registryPath);
const store = openSqliteStore(config.storePath, config.mode);
const indexHtml = join(DEFAULT_CLIENT_DIST, 'index.html');
// The build id changes with every client build (its index names the hashed bundles).
const buildId = config.buildId ?? (existsSync(indexHtml) ? hashState(readFileSync(indexHtml, 'utf8')) : 'dev');

const app = await createApp({
  store,
  registry,
  options: {
    buildId,
    coalesceMs: config.coalesceMs,
    heartbeatMs: config.heartbeatMs,
    maxCatchUpEvents: config.maxCatchUpEvents,
    devIdentity: config.devIdentity,
  },
});
const port = await app.listen(config.port, config.host);

let player: ScenarioPlayer | null = null;
if (config.mode === 'demo') {
  player = new ScenarioPlayer(app.log, registry, loadScenario(), {
    speed: config.demoSpeed,
    onError: (message) => console.warn(message),
  });
  player.start();
}

console.log(
  `Vigie ${config.mode === 'demo' ? 'DÉMONSTRATION' : 'incident réel'} on http://localhost:${port} ` +
    `(store ${config.storePath}, registry ${registry.version}, build ${buildId}, ready ${Math.round(performance.now())} ms after process start)`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    player?.stop();
    void app.close().then(() => process.exit(0));
  });
}
