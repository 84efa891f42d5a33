/**
 * Sends one command over the page's socket with a fresh idempotency key and keeps its outcome for
 * the control that sent it (sending, saved, or the error with its details, e.g. a conflict).
 */
import type { CommandInput, CommandName, CommandResult, Reply, ReplyError } from '@vigie/shared';
import { useCallback, useContext, useState } from 'react';
import { RealtimeContext } from '../../app/RealtimeContext.ts';

export type Outcome =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'saved'; result: CommandResult }
  | { state: 'failed'; error: ReplyError };

export type CommandBody<N extends CommandName> = Omit<CommandInput<N>, 'idempotencyKey'>;

export const newIdempotencyKey = () => crypto.randomUUID();

export function useCommand() {
  const request = useContext(RealtimeContext);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const send = useCallback(
    async <N extends CommandName>(name: N, body: CommandBody<N>): Promise<Reply<CommandResult>> => {
      setOutcome({ state: 'sending' });
      const reply = (await request(name, { ...body, idempotencyKey: newIdempotencyKey() })) as Reply<CommandResult>;
      setOutcome(reply.ok ? { state: 'saved', result: reply.data } : { state: 'failed', error: reply.error });
      return reply;
    },
    [request],
  );
  const reset = useCallback(() => setOutcome({ state: 'idle' }), []);
  return { send, outcome, reset };
}
