/** The runner's side of the attacker process: start it on the load core, run one attack, read its report. */
import { join } from 'node:path';
import type { AbuseCommand, AbuseReply, Attack } from './abuseLoad.ts';
import { LOAD_CORE, forkPinned, nextMessage } from './pinned.ts';

export function startAttacker() {
  const proc = forkPinned(join(import.meta.dirname, 'abuseLoad.ts'), LOAD_CORE);
  return {
    attack: async (url: string, attack: Attack, seconds: number) => {
      proc.send({ type: 'attack', url, attack, seconds } satisfies AbuseCommand);
      const reply = await nextMessage(proc, (m) => m as AbuseReply, seconds * 1000 + 120_000);
      if (reply.type === 'error') throw new Error(`attacker: ${reply.message}`);
      return reply;
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.send({ type: 'close' } satisfies AbuseCommand);
      await exited;
    },
  };
}
