/**
 * The main-courante entries an overview screen shows: the copy's latest entries followed live, older
 * ones paged on request with `log:list`, and those a flood or a reconnect skipped paged at once (the
 * copy's count says how many). Replies come checked by the socket client (realtime/connect).
 */
import { DEFAULT_PAGE, MAX_PAGE, type ErrorCode, type LogEntry, type QueryInput } from '@vigie/shared';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { RealtimeContext } from '../realtime/RealtimeContext.ts';
import { followCopy, noEntries, olderCursor, withOlder, type CopyLog, type HeldEntries } from '../store/heldEntries.ts';

export type CouranteError = ErrorCode;

interface Tracked {
  copy: CopyLog | null;
  held: HeldEntries;
  /** Entries skipped by the copy, still to page. */
  missed: number;
}

export interface MainCouranteView {
  /** Newest first. */
  entries: LogEntry[];
  /** Entries the main courante holds in all. */
  total: number;
  hasOlder: boolean;
  loading: boolean;
  error: CouranteError | null;
  loadOlder: () => void;
}

export function useMainCourante(copy: CopyLog | null): MainCouranteView {
  const request = useContext(RealtimeContext);
  const [tracked, setTracked] = useState<Tracked>({ copy: null, held: noEntries, missed: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CouranteError | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Follow the copy while rendering, so the list never shows a frame behind it.
  if (copy !== tracked.copy && copy !== null) {
    const next = followCopy(tracked.held, copy);
    setTracked({ copy, held: next.held, missed: next.missed > 0 ? next.missed : tracked.missed });
  }

  // State is set only once the reply is in: the effect below pages too.
  const page = useCallback(
    (before: number, limit: number) => {
      const input: QueryInput<'log:list'> = { before, limit: Math.min(limit, MAX_PAGE) };
      const fail = (code: CouranteError) => {
        if (!alive.current) return;
        setLoading(false);
        setError(code);
      };
      request('log:list', input).then(
        (reply) => {
          if (!reply.ok) return fail(reply.error.code);
          if (!alive.current) return;
          setLoading(false);
          setError(null);
          setTracked((t) => {
            const held = withOlder(t.held, before, reply.data.entries);
            // Skipped entries are paged until none is left (the effect below asks for the next page).
            const got = held.entries.length - t.held.entries.length;
            return { ...t, held, missed: Math.max(0, t.missed - got) };
          });
        },
        () => fail('internal'),
      );
    },
    [request],
  );

  const { held, missed } = tracked;
  const before = olderCursor(held);
  useEffect(() => {
    if (missed > 0 && before !== null) page(before, missed);
  }, [missed, before, page]);

  return {
    entries: held.entries,
    total: held.count,
    hasOlder: before !== null,
    loading,
    error,
    loadOlder: () => {
      if (before === null) return;
      setLoading(true);
      setError(null);
      page(before, DEFAULT_PAGE);
    },
  };
}
