/**
 * Builds the server from its parts (store, registry, settings) without listening, so tests can
 * run it on port 0: HTTP (dashboard, health) and Socket.IO share one port.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import express from 'express';
import type { Registry } from '@vigie/shared';
import { IncidentLog } from './log/incidentLog.ts';
import { silentLogger, type Logger } from './logger.ts';
import { requestLogger } from './transport/http/requestLogger.ts';
import type { EventStore } from './store/eventStore.ts';
import { serveHealth } from './transport/http/health.ts';
import { serveClient } from './transport/http/staticClient.ts';
import { loadShellPage } from './transport/http/shellPage.ts';
import { PublicSummaryResource } from './transport/http/public/publicSummaryResource.ts';
import { publicSummaryHandler } from './transport/http/public/publicSummaryHandler.ts';
import { handshakeAuth, manageSessions } from './transport/realtime/auth.ts';
import { requestBudget } from './transport/realtime/requestBudget.ts';
import { Backpressure } from './transport/realtime/backpressure.ts';
import { accessApi } from './transport/http/api/accessApi.ts';
import { fail, sendReply } from './transport/http/api/defineRoute.ts';
import { network, type NetworkSettings } from './transport/http/network.ts';
import { securityHeaderSet, securityHeaders } from './transport/http/securityHeaders.ts';
import { Access, type AccessOptions } from './access/access.ts';
import type { AccessStore } from './access/accessStore.ts';
import { Broadcaster, type BroadcasterOptions } from './transport/realtime/broadcaster.ts';
import { commandHandlers } from './transport/realtime/handlers/commandHandlers.ts';
import { queryHandlers } from './transport/realtime/handlers/queryHandlers.ts';
import { syncHandlers } from './transport/realtime/handlers/syncHandlers.ts';
import { createIo, type VigieServer } from './transport/realtime/io.ts';
import { dispatchEvents, type Handler } from './transport/realtime/defineHandler.ts';
import type { clientEventSchemas } from '@vigie/shared';

export interface AppOptions extends BroadcasterOptions {
  /** Reading without an account (anonymous = viewer). */
  openRead: boolean;
  network: NetworkSettings;
  /** Time a group commit may spend deciding (the log's default; a test needing groups of a given size raises it). */
  batchDecideMs?: number;
  /** Requests per second one connection may send. */
  requestsPerSecond: number;
  /** Requests per second one account may send, all its connections together (default: twice a connection's). */
  accountRequestsPerSecond?: number;
  /** Requests per second the anonymous connections of one address may send together (default: ten connections'). */
  addressRequestsPerSecond?: number;
  /** Main-courante entries one account may add per minute, and in a row (default 60 and 10). */
  logEntries?: { perMinute: number; burst: number };
  /** Most bytes the server holds unsent for one connection before shedding it (default 4 MiB). */
  maxQueuedBytes?: number;
  /** How often every connection's unsent bytes are checked (default 1 s). */
  backpressureCheckMs?: number;
  /** Code and session lifetimes (defaults in access.ts). */
  access?: Omit<AccessOptions, 'openRead' | 'now'>;
  /** How often the sessions of connected people are kept alive (default 5 min). */
  sessionKeepAliveMs?: number;
  clientDist?: string;
  /** The server clock (a test may move it forward). */
  now?: () => Date;
  logger?: Logger;
}

export interface App {
  http: HttpServer;
  io: VigieServer;
  log: IncidentLog;
  access: Access;
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

export async function createApp(deps: {
  store: EventStore;
  accessStore: AccessStore;
  registry: Registry;
  options: AppOptions;
}): Promise<App> {
  const { store, accessStore, registry, options } = deps;
  const logger = options.logger ?? silentLogger;
  const log = new IncidentLog(store, registry, {
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.batchDecideMs !== undefined ? { batchDecideMs: options.batchDecideMs } : {}),
  });
  await log.open();
  const access = new Access(accessStore, registry, {
    ...options.access,
    logger,
    openRead: options.openRead,
    ...(options.now ? { now: options.now } : {}),
  });
  const net = network(options.network);
  let stopping = false;

  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', net.trust);
  web.use(requestLogger(logger));
  web.use(securityHeaders(net));
  // State-changing requests from another site are refused before anything reads them.
  web.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || net.originAllowed(req)) return next();
    sendReply(res, fail('forbidden', 'this origin is not allowed'));
  });
  serveHealth(web, () => ({
    ready: !stopping,
    logId: log.situation.logId,
    seq: log.situation.seq,
    buildId: options.buildId,
    demo: log.situation.demo,
    writable: log.writable,
  }));
  const clientDist = options.clientDist ?? DEFAULT_CLIENT_DIST;
  const shell = loadShellPage(clientDist);
  const publicSummary = new PublicSummaryResource(log, shell, options.now);
  web.use(accessApi({ access, net, logger }));
  serveClient(web, clientDist, shell);

  // The public summary is answered ahead of Express: the same bytes for everyone, kept ready for a spike.
  const answerPublic = publicSummaryHandler(publicSummary, net);
  const http = createServer((req, res) => {
    if (!answerPublic(req, res)) web(req, res);
  });
  const auth = handshakeAuth({ access, net });
  const io = createIo(http, auth.allowRequest, (req) => securityHeaderSet(net, req));
  auth.attach(io);
  const stopSessions = manageSessions(io, access, options.sessionKeepAliveMs);
  const broadcaster = new Broadcaster(io, log, registry, options);
  const backpressure = new Backpressure(io, {
    maxQueuedBytes: options.maxQueuedBytes ?? 4 * 1024 * 1024,
    checkEveryMs: options.backpressureCheckMs ?? 1000,
    logger,
  });
  backpressure.start();
  const budget = requestBudget({
    perConnection: options.requestsPerSecond,
    perAccount: options.accountRequestsPerSecond ?? 2 * options.requestsPerSecond,
    perAddress: options.addressRequestsPerSecond ?? 10 * options.requestsPerSecond,
    logEntries: options.logEntries ?? { perMinute: 60, burst: 10 },
    onFlood: (socket) => {
      if (socket.connected) backpressure.shed(socket, 'flooding');
    },
  });
  // Every client event of the contract has its handler (checked when compiling).
  const handlers: Record<keyof typeof clientEventSchemas, Handler> = {
    ...commandHandlers(log),
    ...syncHandlers(broadcaster),
    ...queryHandlers({ log, store, series: log.series, registry }),
  };

  io.on('connection', (socket) => {
    budget(socket);
    dispatchEvents(socket, handlers, options.logger);
    broadcaster.join(socket);
  });

  return {
    http,
    io,
    log,
    access,
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
      backpressure.stop();
      stopSessions();
      access.close();
      publicSummary.stop();
      await io.close();
      await store.close();
      await accessStore.close();
    },
  };
}
