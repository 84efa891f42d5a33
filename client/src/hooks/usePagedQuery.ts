/**
 * A query read a page at a time, newest first, with its `before` cursor (a tracked item's writes, the
 * audit trail): `load(params)` shows the newest page (another query's lines never stay on screen while
 * it loads), `load(params, before)` appends the next older one. Replies come checked by
 * the socket client (realtime/connect); only the latest load's reply is kept (a refresh or a new filter overtakes a pending page).
 */
import type { ErrorCode, QueryData, QueryInput, RequestInput } from '@vigie/shared';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { RealtimeContext } from '../realtime/RealtimeContext.ts';

type PagedQuery = 'history:item' | 'audit:list';
/** What a query is asked for besides its page (the item, the actor). */
export type PageParams<N extends PagedQuery> = Omit<QueryInput<N>, 'before' | 'limit'>;
export type PagedError = ErrorCode;

export interface PagedState<N extends PagedQuery> {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  entries: QueryData<N>['entries'];
  /** Where the next (older) page starts; null once the oldest entry is shown. */
  before: number | null;
  error: PagedError | null;
  /** What the entries shown were loaded for. */
  params: PageParams<N> | null;
  /** The load last asked for, so "Réessayer" asks for the same page again. */
  last: { params: PageParams<N>; before?: number } | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function usePagedQuery<N extends PagedQuery>(name: N, pageSize: number) {
  const request = useContext(RealtimeContext);
  const [state, setState] = useState<PagedState<N>>({
    phase: 'idle',
    entries: [],
    before: null,
    error: null,
    params: null,
    last: null,
  });
  const generation = useRef(0);
  useEffect(() => {
    const current = generation;
    return () => {
      current.current += 1;
    };
  }, []);

  const load = useCallback(
    (params: PageParams<N>, before?: number) => {
      const mine = ++generation.current;
      setState((s) => ({
        ...s,
        phase: 'loading',
        error: null,
        last: before === undefined ? { params } : { params, before },
        ...(same(params, s.params) ? {} : { entries: [], before: null, params }),
      }));
      const input = { ...params, limit: pageSize, ...(before === undefined ? {} : { before }) } as RequestInput<N>;
      const fail = (error: PagedError) => setState((s) => ({ ...s, phase: 'error', error }));
      request(name, input).then(
        (reply) => {
          if (mine !== generation.current) return;
          if (!reply.ok) return fail(reply.error.code);
          const page = reply.data;
          setState((s) => {
            const kept = before === undefined ? [] : s.entries;
            const seen = new Set(kept.map((e) => e.seq));
            return {
              ...s,
              phase: 'ready',
              entries: [...kept, ...page.entries.filter((e) => !seen.has(e.seq))] as QueryData<N>['entries'],
              before: page.before,
              error: null,
              params,
            };
          });
        },
        () => {
          if (mine === generation.current) fail('internal');
        },
      );
    },
    [request, name, pageSize],
  );

  return { ...state, load };
}
