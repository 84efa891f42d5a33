/** Loads one of the administration lists, and keeps it current as the page changes its items. */
import type { AccountSummary, ScreenSummary } from '@vigie/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { callApi, type ApiFailure, type ApiResult } from '../../access/api.ts';

/** The list routes, by the item they list. */
interface Lists {
  'admin:accounts': AccountSummary;
  'admin:screens': ScreenSummary;
}

export type ListState<T> = { kind: 'loading' } | { kind: 'loaded'; items: T[] } | { kind: 'failed'; why: ApiFailure };

const loaded = <T>(result: ApiResult<T[]>): ListState<T> =>
  result.ok ? { kind: 'loaded', items: result.data } : { kind: 'failed', why: result };

export function useApiList<N extends keyof Lists>(
  name: N,
): { list: ListState<Lists[N]>; reload: () => Promise<void>; put: (item: Lists[N]) => void } {
  const [list, setList] = useState<ListState<Lists[N]>>({ kind: 'loading' });
  const load = useCallback(() => callApi(name) as Promise<ApiResult<Lists[N][]>>, [name]);
  const reload = useCallback(() => load().then((result) => setList(loaded(result))), [load]);
  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (current) setList(loaded(result));
    });
    return () => {
      current = false;
    };
  }, [load]);
  /** Replaces an item by id (or adds it at the end): a change the server answered shows at once. */
  const put = useCallback(
    (item: Lists[N]) =>
      setList((l) => {
        if (l.kind !== 'loaded') return l;
        const found = l.items.some((i) => i.id === item.id);
        return {
          kind: 'loaded',
          items: found ? l.items.map((i) => (i.id === item.id ? item : i)) : [...l.items, item],
        };
      }),
    [],
  );
  return { list, reload, put };
}
