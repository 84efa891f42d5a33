/** Starts and stops the bare Socket.IO baseline process, pinned to the server core. */
import { join } from 'node:path';
import { SERVER_CORE, forkPinned, nextMessage } from './pinned.ts';

export interface Memory {
  rss: number;
  heap: number;
}

export async function startBaseline() {
  const proc = forkPinned(join(import.meta.dirname, 'baselineServer.ts'), SERVER_CORE, ['--expose-gc']);
  const port = await nextMessage(proc, (m) => (m as { port?: number }).port);
  return {
    proc,
    url: `http://127.0.0.1:${port}`,
    /** Resident memory and JS heap + external memory after a full collection, in bytes. */
    memory: async () => {
      proc.send({ gc: true });
      return nextMessage(proc, (m) => ('rss' in (m as object) ? (m as Memory) : undefined));
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
