/**
 * Hand-written Socket.IO frames over a real connection: what a hostile client can put on the wire,
 * bypassing socket.io-client's encoder (which would choke on the same structures before sending).
 */
import { io, type Socket } from 'socket.io-client';
import type { Reply } from '@vigie/shared';
import type { Identity } from './observedClient.ts';

export interface Closed {
  reason: string;
  /** What the transport said (for a WebSocket: `{ description, context: CloseEvent }`). */
  description: unknown;
}

export interface RawClient {
  socket: Socket;
  /** Writes one engine.io message as given: a Socket.IO packet (`2["event",{}]`, engine.io adds its `4`) or a binary frame. */
  write: (frame: string | Buffer) => void;
  /** A fresh acknowledgement id (far above the ones socket.io-client uses itself). */
  nextId: () => number;
  /** Resolves with the reply to acknowledgement `id`, or null when none comes within `timeoutMs`. */
  reply: (id: number, timeoutMs?: number) => Promise<Reply | null>;
  /** Sends the event packet `2<id>["event",<payloadJson>]` exactly as written and resolves with its reply. */
  request: (event: string, payloadJson: string, timeoutMs?: number) => Promise<Reply | null>;
  /** Resolves when the connection closes, with the reason the client observed. */
  closed: Promise<Closed>;
  close: () => void;
}

/** An array nested `depth` levels deep, as JSON text (built without recursion). */
export const deepArrayJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Connects (WebSocket only) and resolves once connected; rejects with the server's refusal. */
export async function rawClient(url: string, identity: Identity = {}): Promise<RawClient> {
  const { audience, cookie } = identity;
  const socket = io(url, {
    auth: audience ? { audience } : {},
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const replies = new Map<number, (r: Reply) => void>();
  let ids = 100_000;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const engine = socket.io.engine;
  engine.on('data', (data: unknown) => {
    if (typeof data !== 'string') return;
    const m = /^3(\d+)(\[.*)$/s.exec(data);
    if (!m) return;
    const [reply] = JSON.parse(m[2]!) as [Reply];
    replies.get(Number(m[1]))?.(reply);
  });
  const closed = new Promise<Closed>((resolve) =>
    socket.once('disconnect', (reason, description) => resolve({ reason, description })),
  );
  const reply = (id: number, timeoutMs = 5000) =>
    new Promise<Reply | null>((resolve) => {
      const timer = setTimeout(() => {
        replies.delete(id);
        resolve(null);
      }, timeoutMs);
      replies.set(id, (r) => {
        clearTimeout(timer);
        replies.delete(id);
        resolve(r);
      });
      void closed.then(() => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  const write = (frame: string | Buffer) => engine.write(frame);
  return {
    socket,
    write,
    nextId: () => ++ids,
    reply,
    request: (event, payloadJson, timeoutMs) => {
      const id = ++ids;
      const answer = reply(id, timeoutMs);
      write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
      return answer;
    },
    closed,
    close: () => socket.close(),
  };
}
