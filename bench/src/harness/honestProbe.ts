/**
 * An honest crisis cell under attack: one commander changes a status ten times a second and writes a
 * main-courante entry every second; one viewer measures when each change reaches it (its patch
 * covers the change's seq) and which of the commander's entries it saw arrive in patches.
 */
import type { Socket } from 'socket.io-client';
import { openSocket } from './sockets.ts';

export interface HonestFigures {
  /** Time from sending each change to the viewer holding it, ms (changes that never arrived excluded). */
  latencies: number[];
  changesSent: number;
  /** Changes acknowledged to the commander that never reached the viewer. */
  changesMissing: number;
  /** Entries the commander sent: one the server refused counts as not seen (an honest entry must get through). */
  entriesWritten: number;
  /** Entries accepted and seen by the viewer in its patches. */
  entriesSeen: number;
  /** Requests the server refused (anything but ok): an honest person should see none. */
  refused: number;
}

const now = () => performance.now();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Patch {
  to: number;
  patch: { log?: { text: string }[] };
}

export async function openHonest(url: string, cookies: { viewer: string; commander: string }) {
  const viewer = openSocket(url, cookies.viewer);
  const commander = openSocket(url, cookies.commander);
  const ready = (s: Socket) => new Promise<void>((resolve) => s.once('situation:snapshot', () => resolve()));
  await Promise.all([ready(viewer), ready(commander)]);
  let arrivals: [number, number][] = [];
  const seen = new Set<string>();
  viewer.on('situation:patched', (m: Patch) => {
    arrivals.push([m.to, now()]);
    for (const e of m.patch.log ?? []) seen.add(e.text);
  });
  let round = 0;

  /** Runs the honest cell for `seconds`, then waits (at most 5 s) for the last change and entry to arrive. */
  async function run(seconds: number): Promise<HonestFigures> {
    round++;
    arrivals = [];
    const sent: { at: number; seq: Promise<number | null> }[] = [];
    const entries: Promise<string | null>[] = [];
    let refused = 0;
    const started = now();
    for (let n = 0; n < seconds * 10; n++) {
      await wait(Math.max(0, started + n * 100 - now()));
      const key = `honest-${process.pid}-${round}-${n}`;
      const answer = (r: unknown) => {
        const reply = r as { ok: boolean; data?: { seq: number } };
        if (!reply.ok) refused++;
        return reply.ok ? reply.data!.seq : null;
      };
      sent.push({
        at: now(),
        seq: commander
          .timeout(10_000)
          .emitWithAck('system:set-status', {
            idempotencyKey: key,
            hospitalId: 'cochin',
            systemId: 'dpi',
            status: n % 2 === 0 ? 'degrade' : 'indisponible',
          })
          .then(answer, () => null),
      });
      if (n % 10 === 5) {
        const text = `Point honnête ${round}.${n}`;
        entries.push(
          commander
            .timeout(10_000)
            .emitWithAck('log:add-entry', { idempotencyKey: `${key}-entry`, type: 'information', text })
            .then(
              (r: unknown) => (answer(r) === null ? null : text),
              () => null,
            ),
        );
      }
    }
    const seqs = await Promise.all(sent.map((s) => s.seq));
    const written = (await Promise.all(entries)).filter((t): t is string => t !== null);
    const last = Math.max(-1, ...seqs.map((s) => s ?? -1));
    for (const deadline = now() + 5000; now() < deadline; await wait(20)) {
      if (arrivals.some(([to]) => to >= last) && written.every((t) => seen.has(t))) break;
    }
    const latencies: number[] = [];
    let missing = 0;
    sent.forEach(({ at }, i) => {
      const seq = seqs[i];
      if (seq === null || seq === undefined) return; // refused: counted in `refused`
      const arrival = arrivals.find(([to]) => to >= seq)?.[1];
      if (arrival === undefined) missing++;
      else latencies.push(arrival - at);
    });
    return {
      latencies,
      changesSent: sent.length,
      changesMissing: missing,
      entriesWritten: entries.length,
      entriesSeen: written.filter((t) => seen.has(t)).length,
      refused,
    };
  }

  return {
    run,
    close: () => {
      viewer.close();
      commander.close();
    },
  };
}
