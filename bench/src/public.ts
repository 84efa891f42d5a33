/**
 * `public`: the public summary under a press spike, on one node. wrk (Debian's package, on the load
 * core) on /synthese and on /api/v1/public/summary as browsers ask for them (brotli accepted):
 * requests/s and p99; then thousands of public sockets (raw readers on the load core) while the
 * incident lead publishes points one by one: time from the lead's request to the last reader having
 * the point; and what /mur costs a browser over the network (compressed, as sent).
 */
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { publicPaths } from '@vigie/shared';
import { DEFAULT_CLIENT_DIST, openSqliteAccessStore, seedSession, startTestServer } from '@vigie/server/testing';
import { openBrowser } from '@vigie/test/browser';
import { pageTransfer } from '@vigie/test/browser/transfer';
import { ensureClientBuilt } from './harness/clientBuild.ts';
import { cpuMs } from './harness/cpuTime.ts';
import { gate, target } from './harness/gates.ts';
import { LOAD_CORE, SERVER_CORE, forkPinned, nextMessage } from './harness/pinned.ts';
import { monotonicUs, summariseProfile, type Window } from './harness/profile.ts';
import type { PublicLoadCommand, PublicLoadReply, PublicRound } from './harness/publicLoad.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, ms, quantile } from './harness/stats.ts';
import { prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';
import { requireWrk, runWrk, type WrkResult } from './harness/wrk.ts';

const TARGET_RPS = 10_000;
const TARGET_P99_MS = 50;
const TARGET_FANOUT_MS = 150;
const TARGET_WALL_BYTES = 170_000;
const WARM_UP_SECONDS = 2;
/** What Chromium sends. */
const BROWSER = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };

export async function publicSummary(size: Size): Promise<string[]> {
  // Said first and plainly: without wrk nothing here can be measured.
  requireWrk();
  ensureClientBuilt();
  // Absolute targets on a shared machine: say how busy it was, so a figure can be read for what it is.
  const machineLoad = loadavg()[0]!;
  const seconds = bySize(size, { smoke: 1, quick: 3, full: 10 });
  const connections = bySize(size, { smoke: 10, quick: 100, full: 100 });
  const readers = bySize(size, { smoke: 50, quick: 1000, full: 5000 });
  const publications = bySize(size, { smoke: 2, quick: 5, full: 20 });

  const prepared = await prepareVigie({ viewers: 0, commanders: 0 });
  const access = openSqliteAccessStore(join(prepared.dataDir, 'vigie-access.sqlite'));
  const lead = await seedSession(access, { name: 'Direction de crise (banc)', roles: ['lead'] });
  await access.close();
  const server = await startVigie(prepared, { profile: true });
  const load = startPublicLoad();
  let measured: Measured | undefined;
  try {
    measured = await measure(server.server.url, server.server.proc.pid, load, {
      seconds,
      connections,
      readers,
      publications,
      leadCookie: lead.cookie,
    });
  } finally {
    await load.stop();
    await server.stop();
    removeData(prepared.dataDir);
  }
  const { http, connected, rounds, unacknowledged } = measured;
  const toLast = rounds.map((r) => r.toLastMs);
  // Where the server's time went, over the stretch of the first target missed.
  const missedHttp = http.find(({ vigie }) => !httpMet(vigie.result));
  const missed = missedHttp
    ? { what: `wrk on ${missedHttp.path}`, window: missedHttp.window }
    : quantile(toLast, 0.99) > TARGET_FANOUT_MS
      ? { what: 'the publications to the public sockets', window: measured.fanoutWindow }
      : null;
  const where = summariseProfile(server.profileDir!, missed?.window ?? { from: 0, to: 0 });
  const wall = await wallTransfer();

  const lines = [
    `machine load when this began: ${machineLoad.toFixed(1)} (1-minute average) on ${cpus().length} cores${machineLoad > cpus().length ? ': other processes competed for the cores, figures are pessimistic' : ''}`,
    `wrk -t1 -c${connections} for ${seconds} s per path (after a ${seconds >= WARM_UP_SECONDS ? WARM_UP_SECONDS : 0} s warm-up), Accept-Encoding as Chromium sends it; server on one core`,
    'baseline: a bare Node http server on the same core answering the same bytes with three headers',
    '| path | server | requests/s | p50 | p90 | p99 | max | bytes/response | server CPU/request | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...http.flatMap(({ path, vigie, baseline }) => [
      httpRow(path, 'Vigie', vigie),
      httpRow(path, 'baseline', baseline),
    ]),
    ...http.map(({ path, vigie: { result: r }, baseline: { result: b } }) =>
      target(
        httpMet(r),
        `${path}: ${Math.round(r.requestsPerSecond)} requests/s (${((100 * r.requestsPerSecond) / b.requestsPerSecond).toFixed(0)} % of the baseline's ${Math.round(b.requestsPerSecond)}), p99 ${ms(r.latencyMs.p99)}`,
        `≥ ${TARGET_RPS.toLocaleString('en')} requests/s, p99 ≤ ${TARGET_P99_MS} ms`,
      ),
    ),
    `${connected.readers} public sockets (connected in ${(connected.ms / 1000).toFixed(1)} s), ${rounds.length} points published 250 ms apart: publish request → last reader p50 ${ms(median(toLast))}, p99 ${ms(quantile(toLast, 0.99))}, max ${ms(Math.max(...toLast))}; a reader's delay p50 ${ms(median(rounds.map((r) => r.readerP50Ms)))}, p99 ${ms(median(rounds.map((r) => r.readerP99Ms)))} (medians over the points); the server's CPU time per point (draft, publication, fan-out) ${measured.cpuMsPerPoint === null ? 'n/a' : ms(measured.cpuMsPerPoint)}`,
    target(
      quantile(toLast, 0.99) <= TARGET_FANOUT_MS,
      `publish → last of ${connected.readers} p99 ${ms(quantile(toLast, 0.99))}`,
      `≤ ${TARGET_FANOUT_MS} ms`,
    ),
    `/mur as sent: ${kb(wall.bytes)} in ${wall.responses.length} responses (${wall.responses.filter((r) => r.encoding === 'br').length} brotli; bodies and headers, the live WebSocket aside)`,
    target(wall.bytes <= TARGET_WALL_BYTES, `/mur ${kb(wall.bytes)} as sent`, `≤ ${kb(TARGET_WALL_BYTES)}`),
    ...(missed ? [`the first target missed: ${missed.what}`, ...where] : []),
    gate(
      http.length === 2 &&
        http.every(({ vigie: { result: r } }) => r.requests > 0 && r.errors + r.non2xx + r.timeouts === 0),
      'every public summary request answered 200',
    ),
    gate(connected.failed === 0, 'every public socket connected'),
    gate(
      rounds.length === publications && unacknowledged === 0 && rounds.every((r) => r.missing === 0),
      'every published point acknowledged and received by every public socket',
    ),
  ];
  return lines;
}

interface Measured {
  /** `cpuUsPerRequest`: the server's CPU time per request, whatever else ran on its core. */
  http: { path: string; vigie: HttpRun; baseline: HttpRun; window: Window }[];
  connected: Extract<PublicLoadReply, { type: 'connected' }>;
  rounds: PublicRound[];
  unacknowledged: number;
  fanoutWindow: Window;
  /** The server's CPU time per point: its draft, its publication and the fan-out, heartbeats meanwhile. */
  cpuMsPerPoint: number | null;
}

/** wrk on the page and the JSON with a point published, then the readers while points are published. */
async function measure(
  url: string,
  serverPid: number | undefined,
  load: ReturnType<typeof startPublicLoad>,
  size: { seconds: number; connections: number; readers: number; publications: number; leadCookie: string },
): Promise<Measured> {
  await load.ask({ type: 'lead', url, leadCookie: size.leadCookie }, 'lead');
  // A published point to show, as during an incident (the page then holds every line of it).
  await load.ask({ type: 'point' }, 'point');
  const http: Measured['http'] = [];
  const wrk = { connections: size.connections, seconds: size.seconds };
  for (const path of [publicPaths.page, publicPaths.summary]) {
    const from = monotonicUs();
    const vigie = await httpRun(url + path, serverPid, wrk);
    const window = { from, to: monotonicUs() };
    // The same bytes from a bare Node server on the same core, right after (half as long: a reference, not the figure).
    const baseline = await startHttpBaseline(await fetchAsBrowser(url + path));
    try {
      const reference = { ...wrk, seconds: Math.max(1, Math.round(wrk.seconds / 2)) };
      http.push({ path, vigie, baseline: await httpRun(baseline.url, baseline.pid, reference), window });
    } finally {
      await baseline.stop();
    }
  }
  const connected = await load.ask({ type: 'readers', url, readers: size.readers }, 'connected');
  const from = monotonicUs();
  const cpuBefore = cpuMs(serverPid);
  const published = await load.ask({ type: 'publish', count: size.publications, gapMs: 250 }, 'published');
  const cpuAfter = cpuMs(serverPid);
  const fanoutWindow = { from, to: monotonicUs() };
  const cpuMsPerPoint =
    cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, size.publications);
  return {
    http,
    connected,
    rounds: published.rounds,
    unacknowledged: published.unacknowledged,
    fanoutWindow,
    cpuMsPerPoint,
  };
}

/** wrk's figures, and the server's CPU time per request (null where /proc cannot say). */
interface HttpRun {
  result: WrkResult;
  cpuUsPerRequest: number | null;
}

/**
 * wrk on `url` as a browser asks, after a warm-up (the first requests of a fresh process pay for its
 * JIT) unless the run is too short to measure anything anyway (smoke).
 */
async function httpRun(url: string, pid: number | undefined, wrk: { connections: number; seconds: number }) {
  const options = { connections: wrk.connections, headers: BROWSER };
  if (wrk.seconds >= WARM_UP_SECONDS) await runWrk(url, { ...options, seconds: WARM_UP_SECONDS });
  const cpuBefore = cpuMs(pid);
  const result = await runWrk(url, { ...options, seconds: wrk.seconds });
  const cpuAfter = cpuMs(pid);
  const cpuUsPerRequest =
    cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / Math.max(1, result.requests);
  return { result, cpuUsPerRequest };
}

/** The body and type of `url` as Vigie sends them to a browser (brotli). */
function fetchAsBrowser(url: string): Promise<{ body: Buffer; contentType: string; contentEncoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: BROWSER }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          body: Buffer.concat(chunks),
          contentType: String(res.headers['content-type']),
          contentEncoding: String(res.headers['content-encoding'] ?? 'identity'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The bare HTTP baseline answering `response`, forked on the server core. */
async function startHttpBaseline(response: { body: Buffer; contentType: string; contentEncoding: string }) {
  const proc = forkPinned(join(import.meta.dirname, 'harness/httpBaseline.ts'), SERVER_CORE);
  proc.send({ ...response, body: response.body.toString('base64') });
  const port = await nextMessage(proc, (m) => (m as { port?: number }).port);
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: proc.pid,
    stop: async () => {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

const httpMet = (r: WrkResult) => r.requestsPerSecond >= TARGET_RPS && r.latencyMs.p99 <= TARGET_P99_MS;
function httpRow(path: string, server: string, { result: r, cpuUsPerRequest: cpu }: HttpRun) {
  const l = r.latencyMs;
  const cost = cpu === null ? 'n/a' : `${cpu.toFixed(0)} µs`;
  const bytes = Math.round(r.bytes / Math.max(1, r.requests));
  return `| ${path} | ${server} | ${Math.round(r.requestsPerSecond)} | ${ms(l.p50)} | ${ms(l.p90)} | ${ms(l.p99)} | ${ms(l.max)} | ${bytes} | ${cost} | ${r.errors + r.non2xx + r.timeouts} |`;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** /mur in Chromium against a server in this process (files only: the same bundle whoever signs in). */
async function wallTransfer() {
  const server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
  const browser = await openBrowser({ origin: server.url });
  try {
    return await pageTransfer(browser, `${server.url}/mur`, '[data-panel="headline"]');
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The public load generator, forked on the load core. */
function startPublicLoad() {
  const proc = forkPinned(join(import.meta.dirname, 'harness/publicLoad.ts'), LOAD_CORE);
  return {
    ask: async <T extends PublicLoadReply['type']>(command: PublicLoadCommand, type: T) => {
      proc.send(command);
      const reply = await nextMessage(proc, (m) => {
        const r = m as PublicLoadReply;
        return r.type === type || r.type === 'error' ? r : undefined;
      });
      if (reply.type === 'error') throw new Error(`public load generator: ${reply.message}`);
      return reply as Extract<PublicLoadReply, { type: T }>;
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.send({ type: 'close' } satisfies PublicLoadCommand);
      await exited;
    },
  };
}
