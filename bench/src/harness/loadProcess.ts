/** The runner's side of a load generator process: start it on the load core, send it commands, await replies. */
import { join } from 'node:path';
import type { LoadCommand, LoadReply } from './load.ts';
import { LOAD_CORE, forkPinned, nextMessage } from './pinned.ts';

export function startLoad() {
  const proc = forkPinned(join(import.meta.dirname, 'load.ts'), LOAD_CORE);
  return {
    /** Sends a command and resolves with the reply of the given type (an error reply rejects). */
    ask: async <T extends LoadReply['type']>(command: LoadCommand, type: T, timeoutMs = 300_000) => {
      proc.send(command);
      const reply = await nextMessage(
        proc,
        (m) => {
          const r = m as LoadReply;
          return r.type === type || r.type === 'error' ? r : undefined;
        },
        timeoutMs,
      );
      if (reply.type === 'error') throw new Error(`load generator: ${reply.message}`);
      return reply as Extract<LoadReply, { type: T }>;
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.send({ type: 'close' } satisfies LoadCommand);
      await exited;
    },
  };
}
