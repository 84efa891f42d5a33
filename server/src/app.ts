/**
 * Builds the server from its parts (store, registry, settings) without listening, so tests can
 * run it on port 0: HTTP (dashboard, health) and Socket.IO share one port.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import express from 'express';
import type { Registry } from '@vigie/shared';
import { IncidentLog } from './log/incidentLog.ts';
import { SeriesBuilder } from './queries/seriesBuilder.ts';
import { silentLogger, type Logger } from './logger.ts';
import { requestLogger } from './transport/http/requestLogger.ts';
import type { EventStore } from './store/eventStore.ts';
import { serveHealth } from './transport/http/health.ts';
import { serveClient } from './transport/http/staticClient.ts';
import { useHandshakeAuth } from './transport/realtime/auth.ts';
import { Broadcaster, type BroadcasterOptions } from './transport/realtime/broadcaster.ts';
import { registerCommandHandlers } from './transport/realtime/handlers/commandHandlers.ts';
import { registerQueryHandlers } from './transport/realtime/handlers/queryHandlers.ts';
import { registerSyncHandlers } from './transport/realtime/handlers/syncHandlers.ts';
import { createIo, type VigieServer } from './transport/realtime/io.ts';
import { refuseUnknownEvents } from './transport/realtime/defineHandler.ts';
import { clientEventSchemas } from '@vigie/shared';

export interface AppOptions extends BroadcasterOptions {
  devIdentity: boolean;
  clientDist?: string;
  /** The server clock (a test may move it forward). */
  now?: () => Date;
  logger?: Logger;
}

export interface App {
  http: HttpServer;
  io: VigieServer;
  log: IncidentLog;
  broadcaster: Broadcaster;
  /** Listens on `port` (0 for any) and resolves with the port taken. */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Stops cleanly: tells clients the server is restarting, refuses new requests, commits what is
   * queued, then closes connections and the store.
   */
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_DIST = resolve(import.meta.dirname, '../../client/dist');

export async function createApp(deps: { store: EventStore; registry: Registry; options: AppOptions }): Promise<App> {
  const { store, registry, options } = deps;
  const logger = options.logger ?? silentLogger;
  const log = new IncidentLog(store, registry, { logger, ...(options.now ? { now: options.now } : {}) });
  await log.open();
  const series = new SeriesBuilder(log, store, registry);
  let stopping = false;

  const web = express();
  web.disable('x-powered-by');
  web.use(requestLogger(logger));
  serveHealth(web, () => ({
    ready: !stopping,
    logId: log.situation.logId,
    seq: log.situation.seq,
    buildId: options.buildId,
  }));
  serveClient(web, options.clientDist ?? DEFAULT_CLIENT_DIST);

  const http = createServer(web);
  const io = createIo(http);
  useHandshakeAuth(io, { devIdentity: options.devIdentity });
  const broadcaster = new Broadcaster(io, log, registry, options);

  io.on('connection', (socket) => {
    registerCommandHandlers(socket, log);
    registerSyncHandlers(socket, broadcaster);
    registerQueryHandlers(socket, { log, store, series });
    refuseUnknownEvents(socket, clientEventSchemas);
    broadcaster.join(socket);
  });

  return {
    http,
    io,
    log,
    broadcaster,
    listen: (port, host) =>
      new Promise((done, fail) => {
        http.once('error', fail);
        http.listen(port, host, () => {
          const address = http.address();
          done(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: async () => {
      if (stopping) return;
      stopping = true;
      broadcaster.announceRestart();
      await log.close();
      broadcaster.stop();
      series.stop();
      await io.close();
      await store.close();
    },
  };
}
