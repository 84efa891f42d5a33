/**
 * A load generator for the public summary's readers (its own process, on the load core): many public
 * sockets as raw engine.io connections over WebSockets that only look for the published point's
 * number in what they receive (five thousand socket.io-client decoders here would measure this
 * process, not the server), and the incident lead who publishes, as a real socket.io-client. Publish
 * and arrival times are taken in this one process, so they share a clock. Driven by the runner over IPC.
 */
import type { Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { statementFields } from '@vigie/shared/testing';
import { openSocket } from './sockets.ts';
import { quantile } from './stats.ts';

export type PublicLoadCommand =
  | { type: 'lead'; url: string; leadCookie: string }
  | { type: 'point' }
  | { type: 'readers'; url: string; readers: number }
  | { type: 'publish'; count: number; gapMs: number }
  | { type: 'close' };

/** One publication: from the lead's request to the last reader having it, and each reader's delay. */
export interface PublicRound {
  toLastMs: number;
  readerP50Ms: number;
  readerP99Ms: number;
  missing: number;
}

export type PublicLoadReply =
  | { type: 'lead' }
  | { type: 'point' }
  | { type: 'connected'; readers: number; failed: number; ms: number }
  | { type: 'published'; rounds: PublicRound[]; unacknowledged: number }
  | { type: 'error'; message: string };

interface Reader {
  ws: WebSocket;
  /** Arrival time of each published point, by number. */
  arrivals: Map<number, number>;
}

const now = () => performance.now();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reply = (m: PublicLoadReply) => process.send?.(m);
const POINT = Buffer.from('"statement":{"number":');
/** Beyond the coalescing window that follows the draft's broadcast (VIGIE_COALESCE_MS, 75 ms by default). */
const DRAFT_TO_PUBLISH_MS = 200;

let readers: Reader[] = [];
let lead: Socket | null = null;

/** Opens a public reader; resolves once its snapshot arrived (false if refused or closed). */
function openReader(url: string): { reader: Reader; ready: Promise<boolean> } {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const reader: Reader = { ws, arrivals: new Map() };
  const ready = new Promise<boolean>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const at = now();
      const head = data.toString('latin1', 0, 24);
      if (head.startsWith('0{')) {
        // engine.io open: connect to the main namespace as the public audience, holding nothing yet.
        ws.send(`40${JSON.stringify({ audience: 'public', position: { logId: null, seq: 0 } })}`);
      } else if (head === '2') {
        ws.send('3'); // ping: pong
      } else if (head.startsWith('42["situation:snapshot"')) {
        resolve(true);
      } else if (head.startsWith('42["situation:patched"')) {
        const found = data.indexOf(POINT);
        if (found !== -1) {
          const number = Number.parseInt(data.toString('latin1', found + POINT.length, found + POINT.length + 12), 10);
          if (!reader.arrivals.has(number)) reader.arrivals.set(number, at);
        }
      }
    });
    ws.on('error', () => resolve(false));
    ws.on('close', () => resolve(false));
  });
  return { reader, ready };
}

/** The incident lead, as a real client: it publishes the points. */
async function connectLead(c: Extract<PublicLoadCommand, { type: 'lead' }>) {
  lead = openSocket(c.url, c.leadCookie);
  await new Promise<void>((resolve, reject) => {
    lead!.once('situation:snapshot', () => resolve());
    lead!.once('connect_error', reject);
  });
  reply({ type: 'lead' });
}

async function connectReaders(c: Extract<PublicLoadCommand, { type: 'readers' }>) {
  const started = now();
  readers = [];
  let failed = 0;
  // In waves: five thousand simultaneous handshakes would measure the handshake, not the fan-out.
  for (let i = 0; i < c.readers; i += 100) {
    const wave = Array.from({ length: Math.min(100, c.readers - i) }, () => openReader(c.url));
    readers.push(...wave.map((w) => w.reader));
    failed += (await Promise.all(wave.map((w) => w.ready))).filter((ok) => !ok).length;
  }
  reply({ type: 'connected', readers: readers.length - failed, failed, ms: now() - started });
}

let sent = 0;
async function ask(event: string, payload: Record<string, unknown>): Promise<{ statementId?: string } | null> {
  const r = (await lead!
    .timeout(10_000)
    .emitWithAck(event, { idempotencyKey: `public-bench-${process.pid}-${++sent}`, ...payload })) as {
    ok: boolean;
    data?: { statementId?: string };
  };
  return r.ok ? (r.data ?? {}) : null;
}

/** Drafts and publishes one point; resolves with whether both were accepted, and when the publish was sent. */
async function publishPoint(cause: string): Promise<{ ok: boolean; at: number }> {
  // The draft is the cell's work beforehand; the clock starts when the lead publishes. A point is
  // published well after its draft: not within the coalescing window that follows the draft's broadcast.
  const draft = await ask('statement:draft', { fields: { ...statementFields, cause } });
  await wait(DRAFT_TO_PUBLISH_MS);
  const at = now();
  if (!draft?.statementId) return { ok: false, at };
  return { ok: (await ask('statement:publish', { statementId: draft.statementId })) !== null, at };
}

async function publish(c: Extract<PublicLoadCommand, { type: 'publish' }>) {
  const rounds: PublicRound[] = [];
  let unacknowledged = 0;
  for (let k = 0; k < c.count; k++) {
    const { ok, at } = await publishPoint(`Point ${k + 1} du banc.`);
    if (!ok) {
      unacknowledged++;
      continue;
    }
    // The point's number: one more than the latest any reader holds (the lead sees it in its ack too late).
    const number = await numberPublishedAfter(at);
    const delays =
      number === null ? [] : readers.flatMap((r) => (r.arrivals.has(number) ? [r.arrivals.get(number)! - at] : []));
    rounds.push({
      toLastMs: delays.length ? Math.max(...delays) : NaN,
      readerP50Ms: quantile(delays, 0.5),
      readerP99Ms: quantile(delays, 0.99),
      missing: readers.length - delays.length,
    });
    await wait(c.gapMs);
  }
  reply({ type: 'published', rounds, unacknowledged });
}

/** Waits (10 s at most) until every reader has the point first seen after `at`, and returns its number. */
async function numberPublishedAfter(at: number): Promise<number | null> {
  let number: number | null = null;
  for (const deadline = now() + 10_000; now() < deadline; await wait(5)) {
    number ??= firstNumberAfter(at);
    if (number !== null && readers.every((r) => r.arrivals.has(number!))) break;
  }
  return number;
}

function firstNumberAfter(at: number): number | null {
  for (const r of readers) for (const [number, arrival] of r.arrivals) if (arrival >= at) return number;
  return null;
}

process.on('message', (c: PublicLoadCommand) => {
  const run =
    c.type === 'lead'
      ? connectLead(c)
      : c.type === 'point'
        ? publishPoint('Point initial du banc.').then(({ ok }) => {
            if (!ok) throw new Error('the first point was not published');
            reply({ type: 'point' });
          })
        : c.type === 'readers'
          ? connectReaders(c)
          : c.type === 'publish'
            ? publish(c)
            : Promise.resolve(close());
  run.catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

function close() {
  for (const r of readers) r.ws.terminate();
  lead?.close();
  process.exit(0);
}
