/**
 * Scenario 7, abuse: an honest crisis cell (a commander changing a status ten times a second and
 * writing an entry every second, a viewer watching) first alone, then under each abuse in turn,
 * against the same server in the same run: 2,000 connections opened at once, one socket sending
 * 10,000 requests/s, one account flooding from 50 sockets, 20 sockets that stop reading while asking
 * for snapshots, 200 parallel wrong-password sign-ins. Prints the honest viewer's change-to-screen
 * latency, the honest entries it saw, what the attacker got, and the server's memory growth.
 */
import { openSqliteAccessStore, seedSession } from '@vigie/server/testing';
import { startAttacker } from './harness/abuseProcess.ts';
import type { Attack } from './harness/abuseLoad.ts';
import { gate, target } from './harness/gates.ts';
import { openHonest, type HonestFigures } from './harness/honestProbe.ts';
import { bySize, type Size } from './harness/size.ts';
import { quantile } from './harness/stats.ts';
import { diagnostics, prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

const MiB = 1024 * 1024;
const TARGET_LOGIN = 'cible.banc';
const TARGET_PASSWORD = 'un mot de passe honnête et long';

interface Phase {
  name: string;
  attack: Attack | null;
}

interface Outcome {
  phase: string;
  kind: Attack['kind'] | null;
  honest: HonestFigures;
  attacker: string;
  growthMiB: number;
}

const count = (tally: Record<string, number>) =>
  Object.entries(tally)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

export async function abuse(size: Size): Promise<string[]> {
  const seconds = bySize(size, { smoke: 2, quick: 5, full: 10 });
  const n = {
    connections: bySize(size, { smoke: 50, quick: 500, full: 2000 }),
    perSecond: bySize(size, { smoke: 1000, quick: 10_000, full: 10_000 }),
    floodSockets: bySize(size, { smoke: 5, quick: 50, full: 50 }),
    slowReaders: bySize(size, { smoke: 3, quick: 20, full: 20 }),
    signIns: bySize(size, { smoke: 20, quick: 200, full: 200 }),
  };
  // Viewers: the honest one, the flooder, the slow reader's cookie, then the crowd.
  const prepared = await prepareVigie({ viewers: 3 + n.connections, commanders: 2 });
  const access = openSqliteAccessStore(`${prepared.dataDir}/vigie-access.sqlite`);
  const target_ = await seedSession(access, { name: 'Compte visé', roles: ['viewer'], login: TARGET_LOGIN });
  await access.close();
  const [honestViewer, flooder, slowReader, ...crowd] = prepared.viewerCookies as [string, string, string];
  const [honestCommander, floodingCommander] = prepared.commanderCookies as [string, string];
  const phases: Phase[] = [
    { name: 'no abuse (reference)', attack: null },
    { name: `${n.connections} connections at once`, attack: { kind: 'connections', cookies: crowd } },
    {
      name: `one socket, ${n.perSecond.toLocaleString('en')} requests/s`,
      attack: { kind: 'event-flood', cookie: flooder, perSecond: n.perSecond },
    },
    {
      name: `one account from ${n.floodSockets} sockets`,
      attack: { kind: 'account-flood', cookie: floodingCommander, sockets: n.floodSockets },
    },
    {
      name: `${n.slowReaders} sockets stop reading, asking for snapshots`,
      attack: { kind: 'slow-readers', cookie: slowReader, sockets: n.slowReaders, perSecond: 20 },
    },
    {
      name: `${n.signIns} parallel sign-ins`,
      attack: { kind: 'sign-ins', login: TARGET_LOGIN, parallel: n.signIns },
    },
  ];

  const server = await startVigie(prepared, { nodeArgs: ['--expose-gc'] });
  const url = server.server.url;
  const attacker = startAttacker();
  const outcomes: Outcome[] = [];
  let afterSignIns = '';
  let alive: boolean;
  try {
    const set = await fetch(`${url}/api/session/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, cookie: target_.cookie },
      body: JSON.stringify({ password: TARGET_PASSWORD }),
    });
    if (!set.ok) throw new Error(`could not set the target account's password: HTTP ${set.status}`);
    const honest = await openHonest(url, { viewer: honestViewer, commander: honestCommander });
    try {
      for (const phase of phases) {
        const before = await diagnostics(server.server);
        const attacked = phase.attack ? attacker.attack(url, phase.attack, seconds) : null;
        const running = honest.run(seconds);
        // Memory is read while the abuse still goes on (slow readers are still stalled).
        await new Promise((r) => setTimeout(r, seconds * 1000 - 300));
        const during = await diagnostics(server.server);
        const [figures, report] = await Promise.all([running, attacked]);
        outcomes.push({
          phase: phase.name,
          kind: phase.attack?.kind ?? null,
          honest: figures,
          attacker: report
            ? `${report.note}; replies: ${count(report.replies)}; disconnected: ${count(report.disconnected)}`
            : '—',
          growthMiB: (during.rss - before.rss) / MiB,
        });
        if (phase.attack?.kind === 'sign-ins') afterSignIns = await honestSignIn(url);
      }
    } finally {
      honest.close();
    }
  } finally {
    await attacker.stop();
    alive = server.server.proc.exitCode === null && server.server.proc.signalCode === null;
    await server.stop();
    removeData(prepared.dataDir);
  }
  const p = (o: Outcome, q: number) => quantile(o.honest.latencies, q);
  const abused = outcomes.slice(1);
  const worstP99 = Math.max(...abused.map((o) => p(o, 0.99)));
  const slow = abused.find((o) => o.kind === 'slow-readers')!;
  const seen = outcomes.reduce((sum, o) => sum + o.honest.entriesSeen, 0);
  const written = outcomes.reduce((sum, o) => sum + o.honest.entriesWritten, 0);
  return [
    `${seconds} s per phase; honest commander: 10 changes/s and 1 main-courante entry/s; default request budgets`,
    '| abuse | honest p50 / p99 | changes missing | honest entries seen | honest refusals | server memory growth | what the abuse got |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...outcomes.map(
      (o) =>
        `| ${o.phase} | ${p(o, 0.5).toFixed(1)} / ${p(o, 0.99).toFixed(1)} ms | ${o.honest.changesMissing} / ${o.honest.changesSent} | ` +
        `${o.honest.entriesSeen} / ${o.honest.entriesWritten} | ${o.honest.refused} | ${o.growthMiB.toFixed(1)} MiB | ${o.attacker} |`,
    ),
    `after the sign-in flood, the right password for the attacked login: ${afterSignIns}`,
    target(worstP99 <= 250, `honest p99 under abuse at worst ${worstP99.toFixed(1)} ms`, '≤ 250 ms under each'),
    target(seen === written, `honest entries seen ${seen} / ${written}`, '100 %'),
    target(slow.growthMiB <= 100, `memory growth under slow readers ${slow.growthMiB.toFixed(1)} MiB`, '≤ 100 MB'),
    gate(alive, 'the server kept running through every abuse'),
    gate(
      outcomes.every((o) => o.honest.changesMissing === 0),
      'every acknowledged honest change reached the honest viewer',
    ),
  ];
}

/** Signs in with the right password once the flood is over: how long it took and what came back. */
async function honestSignIn(url: string): Promise<string> {
  const started = performance.now();
  const r = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ login: TARGET_LOGIN, password: TARGET_PASSWORD }),
  });
  const retry = r.headers.get('retry-after');
  return `HTTP ${r.status} in ${Math.round(performance.now() - started)} ms${retry ? ` (Retry-After ${retry} s)` : ''}`;
}
