/**
 * Sends one command over the page's socket and keeps its outcome for the control that sent it
 * (sending, saved, or the error with its details, e.g. a conflict).
 *
 * A request the server did not confirm (no reply in time, or `internal`) may still have been
 * recorded: sending the same request again reuses its idempotency key, so the server records it
 * at most once and answers with the original result.
 */
import type { CommandInput, CommandName, CommandResult, Reply, ReplyError, RequestInput } from '@vigie/shared';
import { useCallback, useContext, useRef, useState } from 'react';
import { RealtimeContext } from '../../realtime/RealtimeContext.ts';

export type Outcome =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'saved'; result: CommandResult }
  | { state: 'failed'; error: ReplyError };

export type CommandBody<N extends CommandName> = Omit<CommandInput<N>, 'idempotencyKey'>;

const newIdempotencyKey = () => crypto.randomUUID();

export function useCommand() {
  const request = useContext(RealtimeContext);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const latest = useRef(0);
  const unconfirmed = useRef<{ request: string; key: string } | null>(null);
  const send = useCallback(
    async <N extends CommandName>(name: N, body: CommandBody<N>): Promise<Reply<CommandResult>> => {
      const id = ++latest.current;
      const canonical = JSON.stringify([name, body]);
      const key = unconfirmed.current?.request === canonical ? unconfirmed.current.key : newIdempotencyKey();
      unconfirmed.current = { request: canonical, key };
      setOutcome({ state: 'sending' });
      // CommandBody<N> with its key is CommandInput<N>, which TypeScript cannot see through the conditional type.
      const reply = await request(name, { ...body, idempotencyKey: key } as RequestInput<N>);
      const confirmed = reply.ok || reply.error.code !== 'internal';
      if (confirmed && unconfirmed.current?.key === key) unconfirmed.current = null;
      // Only the latest request speaks for the control: an older reply arriving late says nothing.
      if (id === latest.current) {
        setOutcome(reply.ok ? { state: 'saved', result: reply.data } : { state: 'failed', error: reply.error });
      }
      return reply;
    },
    [request],
  );
  const reset = useCallback(() => setOutcome({ state: 'idle' }), []);
  return { send, outcome, reset, sending: outcome.state === 'sending' };
}
