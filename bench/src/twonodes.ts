/**
 * Two nodes on one PostgreSQL database: the viewers split over two Vigie nodes sharing the database
 * (VIGIE_DATABASE_URL), a commander on node A sending ten status changes per second; the time from
 * each send to the last viewer of node A, of node B, and of either (the farthest). Beside it, the
 * baseline: two bare Socket.IO servers sharing broadcasts through Socket.IO's PostgreSQL adapter on
 * the same database, the viewers split the same way, Vigie's own patch emitted on node A. As in the
 * fan-out, both run side by side and take turns in blocks (only one is sent changes at a time); each
 * round on fresh servers, the ratio taken over the rounds' median. Hard gates: every viewer of both
 * nodes receives every change, and Vigie's viewers of both nodes end holding the state the log stored
 * in the database folds to (its viewer projection's hash).
 */
import { createRequire } from 'node:module';
import pg from 'pg';
import { defaultRegistry, createTestDatabase } from '@vigie/server/testing';
import { hashState, projectSituation } from '@vigie/shared';
import { createAttachmentsTable, startBaseline } from './harness/baseline.ts';
import { gate } from './harness/gates.ts';
import type { CopyFigures, FanoutResult, PatchSample } from './harness/load.ts';
import { startLoad } from './harness/loadProcess.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, quantile, spread } from './harness/stats.ts';
import { readStoredLog } from './harness/storedLog.ts';
import { prepareVigie, removeData, startVigie, type PreparedVigie } from './harness/vigieServer.ts';

type Mode = 'vigie' | 'baseline';
type Node = 'a' | 'b';
const NODES: readonly Node[] = ['a', 'b'];
/** Changes per second, all sent to node A. */
const RATE = 10;

interface Round {
  /** Per change, ms to the last viewer of each node, and of either. */
  nodes: Record<Node, number[]>;
  farthest: number[];
  missing: number;
  unacknowledged: number;
}

interface Blocks {
  seconds: number;
  /** Blocks per server and round. */
  count: number;
}

const nodeName = (mode: Mode, node: Node) => `${mode}-${node}`;

/** Vigie, baseline, baseline, Vigie, …: a drift over the round weighs on both alike. */
const turns = (count: number): Mode[] =>
  Array.from({ length: count }, (_, i): Mode[] => (i % 2 === 0 ? ['vigie', 'baseline'] : ['baseline', 'vigie'])).flat();

const emptyRound = (): Round => ({ nodes: { a: [], b: [] }, farthest: [], missing: 0, unacknowledged: 0 });

function add(round: Round, r: { nodes: Record<string, FanoutResult>; farthest: number[] }, mode: Mode, timed: boolean) {
  for (const node of NODES) {
    const seen = r.nodes[nodeName(mode, node)];
    if (!seen) throw new Error(`no figures from ${nodeName(mode, node)}`);
    if (timed) round.nodes[node].push(...seen.latencies);
    round.missing += seen.missing;
  }
  if (timed) round.farthest.push(...r.farthest);
  round.unacknowledged += r.nodes[nodeName(mode, 'a')]!.unacknowledged;
}

interface Servers {
  vigie: Record<Node, string>;
  baseline: Record<Node, string>;
}

/**
 * One round on running servers: Vigie warms up (its patch is what the baseline will send), then the
 * baseline, then they take turns; then where each Vigie viewer's copy stands.
 */
async function measure(
  servers: Servers,
  prepared: PreparedVigie,
  perNode: number,
  blocks: Blocks,
  known: PatchSample | null,
): Promise<{
  rounds: Record<Mode, Round>;
  patch: PatchSample;
  copies: Record<string, CopyFigures[]>;
  /** When the viewers were connected, and the changes sent. */
  at: { connected: number; sent: number };
}> {
  const load = startLoad();
  let patch = known;
  const run = (mode: Mode, seconds: number) =>
    load.ask({ type: 'fanout-nodes', mode, sender: nodeName(mode, 'a'), rate: RATE, seconds, patch }, 'fanout-nodes');
  const rounds: Record<Mode, Round> = { vigie: emptyRound(), baseline: emptyRound() };
  try {
    for (const [i, node] of NODES.entries()) {
      await load.ask(
        {
          type: 'connect',
          mode: 'vigie',
          node: nodeName('vigie', node),
          url: servers.vigie[node],
          viewerCookies: prepared.viewerCookies.slice(i * perNode, (i + 1) * perNode),
          commanderCookie: node === 'a' ? prepared.commanderCookies[0]! : null,
          fold: true,
        },
        'connected',
      );
    }
    for (const node of NODES) {
      await load.ask(
        {
          type: 'connect',
          mode: 'baseline',
          node: nodeName('baseline', node),
          url: servers.baseline[node],
          viewerCookies: Array.from({ length: perNode }, () => ''),
          commanderCookie: node === 'a' ? '' : null,
        },
        'connected',
      );
    }
    const connected = performance.now();
    // A short warm-up, not measured, for both: the first changes of a fresh process pay for its JIT.
    for (const mode of ['vigie', 'baseline'] as const) {
      const warm = await run(mode, Math.min(2, blocks.seconds));
      if (mode === 'vigie') patch = warm.nodes[nodeName('vigie', 'a')]?.patch ?? patch;
      if (!patch) throw new Error('no single-change patch seen from Vigie for the baseline to send');
      add(rounds[mode], warm, mode, false);
    }
    for (const mode of turns(blocks.count)) add(rounds[mode], await run(mode, blocks.seconds), mode, true);
    const sent = performance.now();
    const { nodes: copies } = await load.ask({ type: 'copies' }, 'copies');
    return { rounds, patch: patch!, copies, at: { connected, sent } };
  } finally {
    await load.stop();
  }
}

/** Polls the baseline's nodes until each hears the other through the adapter (its LISTEN is up). */
async function untilBothHeard(nodes: { nodes: () => Promise<number> }[]) {
  for (const deadline = performance.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const counts = await Promise.all(nodes.map((n) => n.nodes()));
    if (counts.every((c) => c === nodes.length)) return;
    if (performance.now() > deadline)
      throw new Error(`the baseline's nodes do not hear each other (${counts.join(', ')})`);
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version.split(' ')[0] ?? 'unknown';
  } finally {
    await client.end();
  }
}

const adapterVersion = () =>
  (createRequire(import.meta.url)('@socket.io/postgres-adapter/package.json') as { version: string }).version;

export async function twoNodes(size: Size): Promise<string[]> {
  const perNode = bySize(size, { smoke: 10, quick: 100, full: 500 });
  const blocks = bySize<Blocks>(size, {
    smoke: { seconds: 1, count: 1 },
    quick: { seconds: 2, count: 2 },
    full: { seconds: 5, count: 4 },
  });
  const rounds = bySize(size, { smoke: 1, quick: 1, full: 3 });
  const registry = defaultRegistry();
  const db = await createTestDatabase();
  let prepared: PreparedVigie | null = null;
  let patch: PatchSample | null = null;
  const vigie: Round[] = [];
  const bare: Round[] = [];
  /** Per round: Vigie's viewers of each node against the log stored, at its last seq. */
  const held: { node: Node; viewers: number; atEnd: number; same: number; gaps: number; seq: number }[][] = [];
  let version: string;
  const clock = { started: performance.now(), prepared: 0 };
  /** Per round, seconds: servers started, viewers connected, changes sent, copies hashed and checked, servers stopped. */
  const stages: number[][] = [];
  try {
    version = await postgresVersion(db.url);
    await createAttachmentsTable(db.url);
    prepared = await prepareVigie({ viewers: 2 * perNode, commanders: 1 }, 1, { databaseUrl: db.url });
    clock.prepared = performance.now();
    for (let round = 0; round < rounds; round++) {
      const began = performance.now();
      let ready = began;
      let measured: { at: { connected: number; sent: number } } | null = null;
      let checked = began;
      // Node A first (the first round's migrates the database), then the other three at once.
      const a = await startVigie(prepared);
      const started = [a.stop];
      try {
        const starting = [
          startVigie(prepared),
          startBaseline({ databaseUrl: db.url }),
          startBaseline({ databaseUrl: db.url }),
        ] as const;
        const settled = await Promise.allSettled(starting);
        for (const s of settled) if (s.status === 'fulfilled') started.push(s.value.stop);
        const failed = settled.find((s) => s.status === 'rejected');
        if (failed) throw failed.reason;
        const [b, baseA, baseB] = await Promise.all(starting);
        await untilBothHeard([baseA, baseB]);
        ready = performance.now();
        const servers: Servers = {
          vigie: { a: a.server.url, b: b.server.url },
          baseline: { a: baseA.url, b: baseB.url },
        };
        const r = await measure(servers, prepared, perNode, blocks, patch);
        measured = r;
        patch = r.patch;
        vigie.push(r.rounds.vigie);
        bare.push(r.rounds.baseline);
        const { state } = await readStoredLog(prepared, registry);
        const expected = hashState(projectSituation(state, 'viewer'));
        held.push(
          NODES.map((node) => {
            const copies = r.copies[nodeName('vigie', node)] ?? [];
            const atEnd = copies.filter((c) => c.seq === state.seq);
            return {
              node,
              viewers: copies.length,
              atEnd: atEnd.length,
              same: atEnd.filter((c) => c.hash === expected).length,
              gaps: copies.reduce((n, c) => n + c.gaps, 0),
              seq: state.seq,
            };
          }),
        );
        checked = performance.now();
      } finally {
        await Promise.all(started.map((stop) => stop()));
      }
      if (measured) {
        const { connected, sent } = measured.at;
        stages.push(
          [began, ready, connected, sent, checked, performance.now()]
            .slice(1)
            .map((t, i, all) => (t - (i === 0 ? began : all[i - 1]!)) / 1000),
        );
      }
    }
  } finally {
    if (prepared) removeData(prepared.dataDir);
    await db.drop();
  }

  const p50 = (values: number[]) => quantile(values, 0.5);
  const p99 = (values: number[]) => quantile(values, 0.99);
  const ratios = vigie.map((r, i) => p99(r.farthest) / p99(bare[i]!.farthest));
  const s = blocks.seconds;
  const pair = (values: number[]) => `${p50(values).toFixed(1)} / ${p99(values).toFixed(1)} ms`;
  const nodeP99 = (rs: Round[], node: Node) => spread(rs.map((r) => p99(r.nodes[node])));
  const everyHeld = held.flat();
  const stage = (i: number) => `${median(stages.map((s) => s[i]!)).toFixed(1)} s`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `${perNode} viewers on each of 2 nodes, one PostgreSQL ${version} database; a commander on node A sends ${RATE} changes/s (system:set-status), in blocks of ${s} s taking turns (Vigie and the baseline side by side, one sent changes at a time), ${blocks.count * s} s per server and round after a warm-up; ${rounds} round(s), fresh servers each on the same database; the four nodes on core 0, the load on core 1, PostgreSQL's own processes unpinned`,
    `Vigie: 2 nodes with VIGIE_DATABASE_URL (node A decides under the advisory lock, node B woken by NOTIFY reads the log by seq); baseline: 2 bare Socket.IO servers sharing broadcasts through @socket.io/postgres-adapter ${adapterVersion()} (NOTIFY on the same database; node A's own clients get an emit once its NOTIFY is sent), broadcasting Vigie's patch for one status change (${JSON.stringify(patch).length} bytes of JSON)`,
    '| round | baseline node A p50 / p99 | baseline node B p50 / p99 | baseline farthest p99 | Vigie node A p50 / p99 | Vigie node B p50 / p99 | Vigie farthest p99 | ratio (farthest p99) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...vigie.map((r, i) => {
      const b = bare[i]!;
      return `| ${i + 1} | ${pair(b.nodes.a)} | ${pair(b.nodes.b)} | ${p99(b.farthest).toFixed(1)} ms | ${pair(r.nodes.a)} | ${pair(r.nodes.b)} | ${p99(r.farthest).toFixed(1)} ms | ${ratios[i]!.toFixed(2)} |`;
    }),
    `time to the farthest viewer (either node), p99, median (min–max) of ${rounds} round(s) — baseline ${spread(bare.map((r) => p99(r.farthest)))} ms, Vigie ${spread(vigie.map((r) => p99(r.farthest)))} ms; ratio ${spread(ratios, 2)}`,
    `each node's last viewer, p99, median (min–max) of ${rounds} round(s) — node A: baseline ${nodeP99(bare, 'a')} ms, Vigie ${nodeP99(vigie, 'a')} ms; node B: baseline ${nodeP99(bare, 'b')} ms, Vigie ${nodeP99(vigie, 'b')} ms`,
    `information (no target set): p99 to the farthest viewer of two nodes, Vigie / baseline ${median(ratios).toFixed(2)}× (median of ${rounds} round(s))`,
    gate(
      vigie.every((r) => r.unacknowledged === 0),
      'every change sent to Vigie acknowledged',
    ),
    gate(
      [...vigie, ...bare].every((r) => r.missing === 0),
      `every viewer on both nodes received every change (Vigie ${vigie.reduce((n, r) => n + r.missing, 0)}, baseline ${bare.reduce((n, r) => n + r.missing, 0)} missing)`,
    ),
    gate(
      everyHeld.every((h) => h.viewers === perNode && h.same === perNode),
      `Vigie's viewers on both nodes hold the server's viewer projection (the log stored in the database, folded) at its last seq: ${held
        .map(
          (round, i) =>
            `round ${i + 1}, seq ${round[0]!.seq}: ${round.map((h) => `node ${h.node.toUpperCase()} ${h.same}/${perNode}`).join(', ')}`,
        )
        .join('; ')}; ${everyHeld.reduce((n, h) => n + h.gaps, 0)} gap(s) seen`,
    ),
    `time: ${seconds(performance.now() - clock.started)} in all — database and sessions ${seconds(clock.prepared - clock.started)}; each round (median): four servers started ${stage(0)}, viewers connected ${stage(1)}, changes sent and timed ${stage(2)}, copies hashed and checked ${stage(3)}, servers stopped ${stage(4)}`,
  ];
}
