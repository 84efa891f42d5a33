/** One tracked item's writes, newest first, fetched on demand with the `history:item` query, a page at a time. */
import type { ItemKind } from '@vigie/shared';
import { useCallback } from 'react';
import { usePagedQuery, type PagedError } from '../../hooks/usePagedQuery.ts';

export const HISTORY_PAGE = 50;

export type HistoryError = PagedError;

export function useItemHistory(kind: ItemKind, id: string) {
  const { load: loadPage, ...state } = usePagedQuery('history:item', HISTORY_PAGE);
  /** Loads the newest page (replacing what is shown), or the page before `before` (appended). */
  const load = useCallback((before?: number) => loadPage({ item: { kind, id } }, before), [loadPage, kind, id]);
  return { ...state, load };
}
