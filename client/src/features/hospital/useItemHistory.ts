/**
 * One tracked item's writes, newest first, fetched on demand with the `history:item` query and paged
 * with its `before` cursor. Replies are parsed with the shared schema; late replies are dropped.
 */
import { queryDataSchemas, type ErrorCode, type ItemHistoryEntry, type ItemKind, type QueryInput } from '@vigie/shared';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { RealtimeContext } from '../../app/RealtimeContext.ts';

export const HISTORY_PAGE = 50;

export type HistoryError = ErrorCode | 'unreadable';

export interface ItemHistoryState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  entries: ItemHistoryEntry[];
  /** Where the next (older) page starts; null once the oldest write is shown. */
  before: number | null;
  error: HistoryError | null;
}

const idle: ItemHistoryState = { phase: 'idle', entries: [], before: null, error: null };

export function useItemHistory(kind: ItemKind, id: string) {
  const request = useContext(RealtimeContext);
  const [state, setState] = useState<ItemHistoryState>(idle);
  // Each load gets a number; only the latest one's reply is kept (a refresh overtakes a pending page).
  const generation = useRef(0);
  useEffect(() => {
    const current = generation;
    return () => {
      current.current += 1;
    };
  }, []);

  /** Loads the newest page (replacing what is shown), or the page before `before` (appended). */
  const load = useCallback(
    (before?: number) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, phase: 'loading', error: null }));
      const input: QueryInput<'history:item'> = {
        item: { kind, id },
        limit: HISTORY_PAGE,
        ...(before === undefined ? {} : { before }),
      };
      const fail = (error: HistoryError) => setState((s) => ({ ...s, phase: 'error', error }));
      request('history:item', input).then(
        (reply) => {
          if (mine !== generation.current) return;
          if (!reply.ok) return fail(reply.error.code);
          const parsed = queryDataSchemas['history:item'].safeParse(reply.data);
          if (!parsed.success) return fail('unreadable');
          const { entries, before: next } = parsed.data;
          setState((s) => {
            const kept = before === undefined ? [] : s.entries;
            const seen = new Set(kept.map((e) => e.seq));
            return {
              phase: 'ready',
              entries: [...kept, ...entries.filter((e) => !seen.has(e.seq))],
              before: next,
              error: null,
            };
          });
        },
        () => {
          if (mine === generation.current) fail('internal');
        },
      );
    },
    [request, kind, id],
  );

  return { ...state, load };
}
