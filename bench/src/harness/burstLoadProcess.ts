/** The runner's side of the burst load generator: fork it on a core, send it commands, await replies. */
import { join } from 'node:path';
import type { BurstCommand, BurstReply } from './burstLoad.ts';
import { forkPinned, nextMessage } from './pinned.ts';

export function startBurstLoad(core: string, nodeArgs: string[] = []) {
  const proc = forkPinned(join(import.meta.dirname, 'burstLoad.ts'), core, ['--max-old-space-size=4096', ...nodeArgs]);
  return {
    /** Sends a command and resolves with the reply of the given type (an error reply rejects). */
    ask: async <T extends BurstReply['type']>(command: BurstCommand, type: T, timeoutMs = 300_000) => {
      proc.send(command);
      const reply = await nextMessage(
        proc,
        (m) => {
          const r = m as BurstReply;
          return r.type === type || r.type === 'error' ? r : undefined;
        },
        timeoutMs,
      );
      if (reply.type === 'error') throw new Error(`burst load generator: ${reply.message}`);
      return reply as Extract<BurstReply, { type: T }>;
    },
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.send({ type: 'close' } satisfies BurstCommand);
      await exited;
    },
  };
}
