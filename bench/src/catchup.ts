/**
 * Scenario 3, catch-up: 1,000 viewers folding their stream are cut off, a commander makes 5,000
 * changes, then every viewer reconnects at once from where its copy stood. Measures the time until
 * every copy equals the server's viewer projection and the bytes each viewer received; the bare
 * Socket.IO baseline reconnects as many clients, each sent a payload of Vigie's median size.
 * Alternates the baseline and Vigie three times and prints medians, spread and ratios.
 */
import { join } from 'node:path';
import {
  applyEvent,
  hashState,
  initialSituation,
  projectSituation,
  streamId,
  type Registry,
  type Situation,
  type Snapshot,
} from '@vigie/shared';
import { defaultRegistry, openStoreForTest } from '@vigie/server/testing';
import { startBaseline } from './harness/baseline.ts';
import type { CatchupCommand, CatchupReply } from './harness/catchupLoad.ts';
import { gate, target } from './harness/gates.ts';
import { LOAD_CORE, forkPinned, nextMessage } from './harness/pinned.ts';
import { median, spread } from './harness/stats.ts';
import { monotonicUs, summariseProfile, type Window } from './harness/profile.ts';
import { prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

type Reconnected = Extract<CatchupReply, { type: 'reconnected' }>;

interface VigieRound extends Reconnected {
  /** Time until the last viewer held the server's projection; NaN unless every viewer did. */
  ms: number;
  converged: number;
  diverged: number;
  unacknowledged: number;
  changeMs: number;
  /** The server's state as rebuilt from the store, for the snapshot-cost check. */
  state: Situation;
  /** Where the server's time went from the cut to convergence. */
  profile: string[];
}

interface BareRound {
  ms: number;
  caughtUp: number;
  bytes: number[];
}

const IN_FLIGHT = 32;
const TIMEOUT_MS = 60_000;

/** The runner's side of the catch-up load generator, on the load core. */
function startCatchupLoad() {
  const proc = forkPinned(join(import.meta.dirname, 'harness', 'catchupLoad.ts'), LOAD_CORE);
  return {
    ask: async <T extends CatchupReply['type']>(command: CatchupCommand, type: T) => {
      proc.send(command);
      const reply = await nextMessage(
        proc,
        (m) => {
          const r = m as CatchupReply;
          return r.type === type || r.type === 'error' ? r : undefined;
        },
        300_000,
      );
      if (reply.type === 'error') throw new Error(`catch-up load generator: ${reply.message}`);
      return reply as Extract<CatchupReply, { type: T }>;
    },
    stop: async () => {
      proc.send({ type: 'close' } satisfies CatchupCommand);
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/**
 * What the server holds, rebuilt from its store once it has stopped (the store cannot be opened
 * read-only beside the running server: opening migrates): the latest snapshot, then the events after it.
 */
async function serverState(storePath: string, registry: Registry): Promise<Situation> {
  const store = openStoreForTest(storePath, 'live');
  try {
    const meta = await store.currentLog();
    if (!meta) throw new Error('the store holds no log');
    const saved = await store.latestSnapshot(meta.logId);
    let state: Situation =
      saved && saved.registryVersion === registry.version
        ? { ...saved.state, logId: streamId(meta) }
        : initialSituation(registry, meta);
    for (let page = await store.readEvents(meta.logId, state.seq, 10_000); page.length > 0;) {
      for (const e of page) state = applyEvent(state, e);
      page = await store.readEvents(meta.logId, state.seq, 10_000);
    }
    return state;
  } finally {
    await store.close();
  }
}

async function measureVigie(
  prepared: Awaited<ReturnType<typeof prepareVigie>>,
  changes: number,
  pairs: [string, string][],
  registry: Registry,
): Promise<VigieRound> {
  const vigie = await startVigie(prepared, { requestsPerSecond: 100_000, profile: true });
  let changed: Extract<CatchupReply, { type: 'changed' }>;
  let r: Reconnected;
  let window: Window;
  try {
    const load = startCatchupLoad();
    try {
      await load.ask(
        {
          type: 'connect',
          mode: 'vigie',
          url: vigie.server.url,
          viewerCookies: prepared.viewerCookies,
          commanderCookie: prepared.commanderCookies[0]!,
        },
        'connected',
      );
      await load.ask({ type: 'cut' }, 'cut');
      changed = await load.ask({ type: 'change', count: changes, pairs, inFlight: IN_FLIGHT }, 'changed');
      const from = monotonicUs();
      r = await load.ask(
        { type: 'reconnect', seq: changed.seq, catchUpBytes: 0, timeoutMs: TIMEOUT_MS },
        'reconnected',
      );
      window = { from, to: monotonicUs() };
    } finally {
      await load.stop();
    }
  } finally {
    await vigie.stop();
  }
  const state = await serverState(join(prepared.dataDir, 'vigie.sqlite'), registry);
  const hash = hashState(projectSituation(state, 'viewer'));
  const converged = r.hashes.filter((h, i) => h === hash && r.times[i] !== null).length;
  const diverged = r.hashes.filter((h) => h !== null && h !== hash).length;
  const times = r.times.filter((t) => t !== null);
  return {
    ...r,
    ms: converged === r.times.length ? Math.max(...times) : NaN,
    converged,
    diverged,
    unacknowledged: changed.unacknowledged,
    changeMs: changed.ms,
    state,
    profile: summariseProfile(vigie.profileDir!, window),
  };
}

async function measureBaseline(viewers: number, catchUpBytes: number): Promise<BareRound> {
  const baseline = await startBaseline({ profile: true });
  try {
    const load = startCatchupLoad();
    try {
      const cookies = Array.from({ length: viewers }, () => '');
      await load.ask(
        { type: 'connect', mode: 'baseline', url: baseline.url, viewerCookies: cookies, commanderCookie: '' },
        'connected',
      );
      await load.ask({ type: 'cut' }, 'cut');
      const r = await load.ask({ type: 'reconnect', seq: 0, catchUpBytes, timeoutMs: TIMEOUT_MS }, 'reconnected');
      const times = r.times.filter((t) => t !== null);
      return {
        ms: times.length === viewers ? Math.max(...times) : NaN,
        caughtUp: times.length,
        bytes: r.bytes,
      };
    } finally {
      await load.stop();
    }
  } finally {
    await baseline.stop();
  }
}

/** Median time of `run` over a few repetitions, in ms. */
function timed(run: () => unknown, repeat = 21): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function catchup(quick: boolean): Promise<string[]> {
  const viewers = quick ? 100 : 1000;
  const changes = quick ? 500 : 5000;
  const rounds = quick ? 1 : 3;
  const registry = defaultRegistry();
  const pairs = registry.hospitals.flatMap((h) => registry.systems.map((s) => [h.id, s.id] as [string, string]));
  const prepared = await prepareVigie({ viewers, commanders: 1 });
  const vigie: VigieRound[] = [];
  const bare: BareRound[] = [];
  try {
    // Vigie first: the baseline then sends each client as many bytes as Vigie's median viewer received.
    for (let round = 0; round < rounds; round++) {
      const r = await measureVigie(prepared, changes, pairs, registry);
      vigie.push(r);
      bare.push(await measureBaseline(viewers, median(r.bytes)));
    }
  } finally {
    removeData(prepared.dataDir);
  }

  const ratios = vigie.map((r, i) => r.ms / bare[i]!.ms);
  const fastEnough = median(vigie.map((r) => r.ms)) <= 5000;
  const closeEnough = median(ratios) <= 1.5;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  // The server keeps one snapshot per audience until the next broadcast, but Socket.IO encodes each
  // `socket.emit` anew: what caching saves is the projection; what every client still costs is the encoding.
  const { state } = vigie.at(-1)!;
  const snapshot = (): Snapshot => ({
    audience: 'viewer',
    logId: state.logId,
    seq: state.seq,
    state: projectSituation(state, 'viewer'),
    registry,
  });
  const buildMs = timed(snapshot);
  const built = snapshot();
  const encoded = JSON.stringify(['situation:snapshot', built]);
  const encodeMs = timed(() => JSON.stringify(['situation:snapshot', built]));
  const decodeMs = timed(() => JSON.parse(encoded));
  const served = vigie.map(
    (r) => `${r.snapshots} snapshot(s) at seq ${r.snapshotSeqs.join(', ') || '–'}, ${r.patches} patch(es)`,
  );
  return [
    `${viewers} viewers cut off, ${changes} changes (system:set-status, ≤ ${IN_FLIGHT} in flight), then all reconnect at once; ${rounds} round(s) alternating; baseline sends each client Vigie's median bytes per viewer`,
    '| round | baseline, all caught up | Vigie, all converged | ratio | Vigie bytes/viewer median / max | baseline bytes/client median | served by | changes took |',
    '|---:|---:|---:|---:|---:|---:|---|---:|',
    ...vigie.map((r, i) => {
      const b = bare[i]!;
      return `| ${i + 1} | ${b.ms.toFixed(1)} ms | ${r.ms.toFixed(1)} ms | ${ratios[i]!.toFixed(2)} | ${kb(median(r.bytes))} / ${kb(Math.max(...r.bytes))} | ${kb(median(b.bytes))} | ${served[i]!} | ${(r.changeMs / 1000).toFixed(1)} s |`;
    }),
    `time to 100%, median (min–max) of ${rounds} rounds — baseline ${spread(bare.map((b) => b.ms))} ms, Vigie ${spread(vigie.map((r) => r.ms))} ms; ratio ${spread(ratios, 2)}`,
    `snapshot cache: one viewer snapshot (${kb(Buffer.byteLength(encoded))}) takes ${buildMs.toFixed(2)} ms to build, cached per audience and seq; clients needing it in the same turn get it in one emit, encoded once (${encodeMs.toFixed(2)} ms per encoding)`,
    `each viewer parses it in ${decodeMs.toFixed(2)} ms on the load core, and keeps it as its copy, as the dashboard does (the baseline's clients parse and keep a payload of the same size)`,
    target(
      fastEnough,
      `Vigie ${median(vigie.map((r) => r.ms)).toFixed(0)} ms (median of ${rounds} rounds)`,
      '≤ 5 s to converge',
    ),
    target(closeEnough, `ratio ${median(ratios).toFixed(2)}× (median of ${rounds} rounds)`, '≤ 1.5× the baseline'),
    ...(fastEnough && closeEnough ? [] : vigie.at(-1)!.profile),
    gate(
      vigie.every((r) => r.converged === viewers),
      `100% convergence (${vigie.map((r) => `${r.converged}/${viewers}`).join(', ')} viewers hold the server's viewer projection)`,
    ),
    gate(
      vigie.every((r) => r.diverged === 0 && r.gaps === 0),
      `zero divergence (${vigie.map((r) => `${r.diverged} diverged, ${r.gaps} gaps`).join('; ')})`,
    ),
    gate(
      vigie.every((r) => r.unacknowledged === 0),
      'every change acknowledged',
    ),
    gate(
      bare.every((b) => b.caughtUp === viewers) && vigie.every((r) => r.connectErrors === 0),
      'every baseline client caught up, no Vigie reconnect refused',
    ),
  ];
}
