/** Starts and stops the bare Socket.IO baseline process, pinned to the server core. */
import { join } from 'node:path';
import { SERVER_CORE, forkPinned, nextMessage } from './pinned.ts';

export async function startBaseline() {
  const proc = forkPinned(join(import.meta.dirname, 'baselineServer.ts'), SERVER_CORE, ['--expose-gc']);
  const port = await nextMessage(proc, (m) => (m as { port?: number }).port);
  return {
    proc,
    url: `http://127.0.0.1:${port}`,
    /** Resident memory after a full collection, in bytes. */
    rss: async () => {
      proc.send({ gc: true });
      return nextMessage(proc, (m) => (m as { rss?: number }).rss);
    },
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}
