/**
 * Composition root: settings, registry, store, server, demo player, backups, and a clean stop on
 * SIGTERM/SIGINT. The store's check is started before the rest of the server is loaded (the imports
 * below it are dynamic): on a long log it is the slowest step, and it runs in its own thread while
 * the modules load (about half a second), not after.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Access } from './access/access.ts';
import { loadConfig } from './config/env.ts';
import { createLogger } from './logger.ts';
import { StoreRefusedError, startStoreCheck } from './store/sqlite/storeCheck.ts';

const logger = createLogger();

// No frame can raise either (the dispatcher catches every handler's failure); these are the last line.
// A rejection nobody handled is logged and the server goes on: it has changed nothing by itself.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
// An exception that escaped may have left the in-memory state half-changed, which is worse than a
// restart: log it and exit, and the service manager starts the server again from its store.
process.on('uncaughtException', (err, origin) => {
  logger.fatal({ err, origin }, 'uncaught exception: stopping');
  process.exit(1);
});

async function start() {
  const config = loadConfig();
  logger.level = config.logLevel;
  // The embedded store's check (a shared PostgreSQL database is checked by its own server).
  const check = config.databaseUrl ? null : startStoreCheck(config.storePath);
  // Awaited when the store is opened; a start refused before that (a held lock) leaves it unheard.
  check?.catch(() => undefined);
  const [
    { accessPaths, hashState },
    { DEFAULT_CLIENT_DIST, createApp },
    { reportOnSignal },
    { loadRegistry },
    { loadScenario },
    { ScenarioPlayer },
    { scheduleBackups },
    { openSqliteAccessStore },
    { openStoreAtStart },
    { openPostgresStores },
  ] = await Promise.all([
    import('@vigie/shared'),
    import('./app.ts'),
    import('./diagnostics.ts'),
    import('./registry/loadRegistry.ts'),
    import('./scenario/scenarioFile.ts'),
    import('./scenario/scenarioPlayer.ts'),
    import('./store/sqlite/backups.ts'),
    import('./store/sqlite/sqliteAccessStore.ts'),
    import('./store/sqlite/openStoreAtStart.ts'),
    import('./store/postgres/openPostgresStores.ts'),
  ]);
  const registry = loadRegistry(config.registryPath);
  const openLocal = async () => {
    // One server per store file (the lock lasts the process's life); a damaged or lost store is refused.
    const local = await openStoreAtStart({
      storePath: config.storePath,
      accessStorePath: config.accessStorePath,
      kind: config.mode,
      backupDir: config.backup?.dir,
      startAfresh: config.startAfresh,
      check: check!,
    });
    return { ...local, accessStore: openSqliteAccessStore(config.accessStorePath), backups: local.store };
  };
  const openShared = async (url: string) => {
    // Every server of the deployment shares the database: no lock, no file to back up (PostgreSQL's own tools do).
    const shared = await openPostgresStores(url, config.mode);
    const lock = { setPort: (_port: number) => undefined, release: () => void shared.release() };
    return { ...shared, lock, settle: <T>(building: Promise<T>) => building, checked: null, backups: null };
  };
  const { store, accessStore, lock, settle, checked, backups } = config.databaseUrl
    ? await openShared(config.databaseUrl)
    : await openLocal();
  const indexHtml = join(DEFAULT_CLIENT_DIST, 'index.html');
  // The build id changes with every client build (its index names the hashed bundles).
  const buildId = config.buildId ?? (existsSync(indexHtml) ? hashState(readFileSync(indexHtml, 'utf8')) : 'dev');

  const origins = [...(config.allowedOrigins ?? [])];
  const building = createApp({
    store,
    accessStore,
    registry,
    options: {
      buildId,
      coalesceMs: config.coalesceMs,
      coalesceMaxMs: config.coalesceMaxMs,
      heartbeatMs: config.heartbeatMs,
      maxCatchUpEvents: config.maxCatchUpEvents,
      openRead: config.openRead,
      network: { allowedOrigins: origins, trustProxy: config.trustProxy },
      requestsPerSecond: config.requestsPerSecond,
      accountRequestsPerSecond: config.accountRequestsPerSecond,
      addressRequestsPerSecond: config.addressRequestsPerSecond,
      logEntries: config.logEntries,
      maxQueuedBytes: config.maxQueuedBytes,
      access: { codeTtlMs: config.codeTtlMs },
      logger,
    },
  });
  const app = await settle(building);
  // Before listening: whoever sees the server listen may ask at once (a signal with no handler kills).
  reportOnSignal(logger);
  const port = await app.listen(config.port, config.host);
  lock.setPort(port);
  if (!config.allowedOrigins) origins.push(`http://localhost:${port}`, `http://127.0.0.1:${port}`);

  const player =
    config.mode === 'demo'
      ? new ScenarioPlayer(app.log, registry, loadScenario(), {
          speed: config.demoSpeed,
          onError: (message) => logger.warn(message),
        })
      : null;
  player?.start();
  const stopBackups =
    config.backup && backups
      ? scheduleBackups(backups, {
          ...config.backup,
          onDone: (path) => logger.info({ path }, 'backup written'),
          onError: (err: unknown) => logger.error({ err }, 'backup failed'),
        })
      : () => undefined;

  logger.info(
    {
      port,
      mode: config.mode,
      store: config.databaseUrl ? 'postgresql' : config.storePath,
      registry: registry.version,
      buildId,
      seq: app.log.situation.seq,
      storeCheckMs: (await checked)?.ms ?? null,
    },
    `Vigie ${config.mode === 'demo' ? 'DÉMONSTRATION' : 'incident réel'} on http://localhost:${port}, ready ${Math.round(performance.now())} ms after process start`,
  );

  if (config.mode === 'demo') await offerDemoSignIn(app.access, origins[0]! + accessPaths.signIn);

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
          lock.release();
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

/**
 * The demo's ready sign-in: a one-time link valid 15 minutes, printed to the interactive terminal
 * only — never to the logs (a service's output is collected, a terminal is someone's screen).
 */
async function offerDemoSignIn(access: Access, signInUrl: string) {
  if (!process.stdout.isTTY) return;
  const entry = await access.demoSignIn();
  process.stdout.write(
    `\n  Connexion « ${entry.name} » (commandement + direction de crise), valable 15 minutes, une seule fois :\n` +
      `  ${signInUrl}?suivant=/console#code=${entry.code}\n\n`,
  );
}

/** A store refused at start (damaged, or its log lost) stays refused: sysexits' EX_CONFIG, which the unit does not restart. */
const STORE_REFUSED = 78;

start().catch((error: unknown) => {
  // Start-up refusals (bad settings, malformed or incompatible registry, a held or damaged store) are meant to be read.
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof StoreRefusedError ? STORE_REFUSED : 1);
});
