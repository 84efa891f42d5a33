/**
 * The audit trail of the current log, newest first, fetched with the `audit:list` query (optionally of one
 * actor, filtered by the server) a page at a time; with every actor seen since the view opened.
 */
import type { Actor } from '@vigie/shared';
import { useCallback, useState } from 'react';
import { usePagedQuery } from '../../../hooks/usePagedQuery.ts';
import { actorKey } from './auditKinds.ts';

export const AUDIT_PAGE = 100;

export function useAuditTrail() {
  const { load: loadPage, params, last, ...state } = usePagedQuery('audit:list', AUDIT_PAGE);
  // Every actor seen since the view opened, by `kind:id`: the person filter keeps offering them all.
  const [actors, setActors] = useState<ReadonlyMap<string, Actor>>(new Map());
  const [counted, setCounted] = useState(state.entries);
  if (counted !== state.entries) {
    setCounted(state.entries);
    setActors(new Map([...actors, ...state.entries.map((e) => [actorKey(e.by), e.by] as const)]));
  }
  /** Loads the newest page for `actorId` (replacing what is shown), or the page before `before` (appended). */
  const load = useCallback(
    (actorId: string | null, before?: number) => loadPage(actorId === null ? {} : { actorId }, before),
    [loadPage],
  );
  const actorOf = (p: { actorId?: string | undefined } | null | undefined) => p?.actorId ?? null;
  return {
    ...state,
    actorId: actorOf(params),
    actors,
    last: { actorId: actorOf(last?.params), ...(last?.before === undefined ? {} : { before: last.before }) },
    load,
  };
}
