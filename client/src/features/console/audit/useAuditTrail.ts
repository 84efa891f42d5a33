/**
 * The audit trail of the current log, newest first, fetched with the `audit:list` query (optionally of one
 * actor, filtered by the server) and paged with its `before` cursor. Replies are parsed with the shared
 * schema; a late reply (overtaken by a newer load, or after unmount) is dropped.
 */
import { queryDataSchemas, type Actor, type AuditEntry, type ErrorCode, type QueryInput } from '@vigie/shared';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { RealtimeContext } from '../../../app/RealtimeContext.ts';
import { actorKey } from './auditWords.ts';

export const AUDIT_PAGE = 100;

export type AuditError = ErrorCode | 'unreadable';

export interface AuditTrailState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  entries: AuditEntry[];
  /** Where the next (older) page starts; null once the oldest line is shown. */
  before: number | null;
  error: AuditError | null;
  /** The actor (`kind:id`) the entries were loaded for; null for everyone. */
  actorId: string | null;
  /** Every actor seen since the view opened, by `kind:id`: the person filter keeps offering them all. */
  actors: ReadonlyMap<string, Actor>;
  /** The request last sent, so "Réessayer" asks for the same page again. */
  last: { actorId: string | null; before?: number };
}

const idle: AuditTrailState = {
  phase: 'idle',
  entries: [],
  before: null,
  error: null,
  actorId: null,
  actors: new Map(),
  last: { actorId: null },
};

export function useAuditTrail() {
  const request = useContext(RealtimeContext);
  const [state, setState] = useState<AuditTrailState>(idle);
  // Each load gets a number; only the latest one's reply is kept (a new filter overtakes a pending page).
  const generation = useRef(0);
  useEffect(() => {
    const current = generation;
    return () => {
      current.current += 1;
    };
  }, []);

  /** Loads the newest page for `actorId` (replacing what is shown), or the page before `before` (appended). */
  const load = useCallback(
    (actorId: string | null, before?: number) => {
      const mine = ++generation.current;
      const last = before === undefined ? { actorId } : { actorId, before };
      setState((s) => ({
        ...s,
        phase: 'loading',
        error: null,
        last,
        // Another actor's lines must not stay on screen under the new filter while its page loads.
        ...(actorId === s.actorId ? {} : { entries: [], before: null, actorId }),
      }));
      const input: QueryInput<'audit:list'> = {
        limit: AUDIT_PAGE,
        ...(actorId === null ? {} : { actorId }),
        ...(before === undefined ? {} : { before }),
      };
      const fail = (error: AuditError) => setState((s) => ({ ...s, phase: 'error', error }));
      request('audit:list', input).then(
        (reply) => {
          if (mine !== generation.current) return;
          if (!reply.ok) return fail(reply.error.code);
          const parsed = queryDataSchemas['audit:list'].safeParse(reply.data);
          if (!parsed.success) return fail('unreadable');
          const { entries, before: next } = parsed.data;
          setState((s) => {
            const kept = before === undefined ? [] : s.entries;
            const seen = new Set(kept.map((e) => e.seq));
            const actors = new Map(s.actors);
            for (const e of entries) actors.set(actorKey(e.by), e.by);
            return {
              ...s,
              phase: 'ready',
              entries: [...kept, ...entries.filter((e) => !seen.has(e.seq))],
              before: next,
              error: null,
              actorId,
              actors,
            };
          });
        },
        () => {
          if (mine === generation.current) fail('internal');
        },
      );
    },
    [request],
  );

  return { ...state, load };
}
