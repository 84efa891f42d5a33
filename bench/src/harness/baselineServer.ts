/**
 * The bare Socket.IO baseline (run as its own process): same Socket.IO version, in-memory adapter,
 * no authentication, validation or store. `change` from the commander is broadcast to everyone as is
 * (one emit, encoded once) as `situation:patched`, the event Vigie's viewers receive (the commander
 * sends a patch Vigie sent); a reconnecting client gets a structured payload of the size it asks for.
 *
 * With BASELINE_DATABASE_URL, one node of several: Socket.IO's PostgreSQL adapter
 * (`@socket.io/postgres-adapter`) shares every broadcast with the other nodes on that database
 * (NOTIFY, each node LISTENing), so an emit on one node reaches every node's clients.
 */
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';

/** How often the nodes tell each other they are there: a second, so the runner soon sees both. */
const HEARTBEAT_MS = 1000;

const http = createServer();
const io = new Server(http, { perMessageDeflate: false, serveClient: false });
const databaseUrl = process.env['BASELINE_DATABASE_URL'];
if (databaseUrl) {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  io.adapter(
    createAdapter(pool, {
      heartbeatInterval: HEARTBEAT_MS,
      heartbeatTimeout: 5 * HEARTBEAT_MS,
      errorHandler: (err) => console.error(`baseline node: ${err.message}`),
    }),
  );
}
io.on('connection', (socket) => {
  const size = Number(socket.handshake.auth['catchUpBytes'] ?? 0);
  if (size > 0) socket.emit('caught-up', { items: itemsOfSize(size) });
  socket.on('change', (change: unknown, ack?: () => void) => {
    io.emit('situation:patched', change);
    ack?.();
  });
});
// The runner asks for a collection before reading the memory figures: three, a little apart, and the
// young generation's resident bytes apart, as Vigie's diagnostics do (V8 hands freed pages back from
// a background thread, one collection late).
process.on('message', (m: { gc?: boolean; nodes?: boolean }) => {
  if (m.nodes) {
    // The nodes this one hears through the adapter, itself included.
    void io
      .of('/')
      .adapter.serverCount()
      .then((nodes) => process.send?.({ nodes }));
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  void (async () => {
    for (let i = 0; m.gc && gc && i < 3; i++) {
      gc();
      await sleep(100);
    }
    const { rss, heapUsed, external } = process.memoryUsage();
    const young = getHeapSpaceStatistics()
      .filter((s) => s.space_name === 'new_space' || s.space_name === 'new_large_object_space')
      .reduce((sum, s) => sum + s.physical_space_size, 0);
    process.send?.({ rss, young, heap: heapUsed + external });
  })();
});
/** A structured payload of about `bytes` of JSON (small objects, as a snapshot is), so parsing it costs what parsing a snapshot does. */
function itemsOfSize(bytes: number) {
  const item = (i: number) => ({ id: `item-${i}`, value: 'operationnel', version: i, by: 'baseline' });
  const each = JSON.stringify(item(10_000)).length + 1;
  return Array.from({ length: Math.max(1, Math.round(bytes / each)) }, (_, i) => item(10_000 + i));
}

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
