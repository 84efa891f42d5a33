/** Composition root: settings, registry, store, server, demo player, backups, and a clean stop on SIGTERM/SIGINT. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashState } from '@vigie/shared';
import { DEFAULT_CLIENT_DIST, createApp } from './app.ts';
import { loadConfig } from './config/env.ts';
import { createLogger } from './logger.ts';
import { loadRegistry } from './registry/loadRegistry.ts';
import { loadScenario } from './scenario/scenarioFile.ts';
import { ScenarioPlayer } from './scenario/scenarioPlayer.ts';
import { scheduleBackups } from './store/sqlite/backups.ts';
import { openSqliteStore } from './store/sqlite/sqliteStore.ts';

const logger = createLogger();

async function start() {
  const config = loadConfig();
  logger.level = config.logLevel;
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
      logger,
    },
  });
  const port = await app.listen(config.port, config.host);

  const player =
    config.mode === 'demo'
      ? new ScenarioPlayer(app.log, registry, loadScenario(), {
          speed: config.demoSpeed,
          onError: (message) => logger.warn(message),
        })
      : null;
  player?.start();
  const stopBackups = config.backup
    ? scheduleBackups(store, {
        ...config.backup,
        onDone: (path) => logger.info({ path }, 'backup written'),
        onError: (err: unknown) => logger.error({ err }, 'backup failed'),
      })
    : () => undefined;

  logger.info(
    {
      port,
      mode: config.mode,
      store: config.storePath,
      registry: registry.version,
      buildId,
      seq: app.log.situation.seq,
    },
    `Vigie ${config.mode === 'demo' ? 'DÉMONSTRATION' : 'incident réel'} on http://localhost:${port}, ready ${Math.round(performance.now())} ms after process start`,
  );

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping: finishing queued changes');
      player?.stop();
      stopBackups();
      app.close().then(
        () => {
          logger.info('stopped cleanly');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'stop failed');
          process.exit(1);
        },
      );
    });
  }
}

start().catch((error: unknown) => {
  // Start-up refusals (bad settings, malformed or incompatible registry) are meant to be read.
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
