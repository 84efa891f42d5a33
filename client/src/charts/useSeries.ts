/**
 * The history series of the current log, asked of the server with `history:series`: about one
 * point per pixel of the chart, asked again when the situation moves (at most every 10 s) or the
 * width changes by more than 10 %. The socket client has checked the reply against the shared schema.
 */
import { useContext, useEffect, useRef, useState } from 'react';
import type { QueryInput, ReplyError, SeriesData } from '@vigie/shared';
import { RealtimeContext } from '../realtime/RealtimeContext.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { selectSync } from '../store/selectors.ts';
import type { VigieState } from '../store/vigieStore.ts';
import { maxPointsFor, refetchDelay, type SeriesFetch } from './series.ts';

export interface SeriesState {
  /** The latest accepted reply for the current log; null until one arrives. */
  data: SeriesData | null;
  /** Why the latest request failed, if it did (the data in hand, if any, stays). */
  error: ReplyError | null;
  /** A request is on its way. */
  loading: boolean;
}

// Primitive selectors, so a patch that leaves them alone does not render the chart again.
// Only viewer and staff copies may read the history (the public audience may not).
const selectLogId = (s: VigieState) => {
  const sync = selectSync(s);
  return sync.kind === 'situation' ? sync.logId : null;
};
const selectSeq = (s: VigieState) => {
  const sync = selectSync(s);
  return sync.kind === 'empty' ? 0 : sync.seq;
};

/** Failures worth trying again (the server or the link was busy); a refusal stays one. */
const RETRIED = new Set<ReplyError['code']>(['internal', 'rate_limited']);
const noReply: ReplyError = { code: 'internal', message: 'no reply from the server' };

/** The series for a chart `width` pixels wide (nothing is asked while it is 0). */
export function useSeries(width: number): SeriesState {
  const request = useContext(RealtimeContext);
  const logId = useStoreSelector(selectLogId);
  const seq = useStoreSelector(selectSeq);
  const [state, setState] = useState<SeriesState>({ data: null, error: null, loading: false });
  // Bumped after a failed request, so it is tried again (no sooner than 10 s later).
  const [failures, setFailures] = useState(0);
  const last = useRef<SeriesFetch | null>(null);
  const latestRequest = useRef(0);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (logId === null || width < 1) return;
    const want = { logId, seq, width };
    const delay = refetchDelay(last.current, want, Date.now());
    if (delay === null) return;
    const fail = (error: ReplyError) => {
      setState((s) => ({ data: s.data, error, loading: false }));
      if (!RETRIED.has(error.code) || !last.current) return;
      // Forget the seq it was for, so the next run asks again once the interval has passed.
      last.current = { ...last.current, seq: -1 };
      setFailures((n) => n + 1);
    };
    // A later change clears the timer and schedules again, still no sooner than 10 s after the last request.
    const timer = setTimeout(() => {
      const newLog = last.current?.logId !== logId;
      last.current = { ...want, at: Date.now() };
      const id = ++latestRequest.current;
      setState((s) => ({ data: newLog ? null : s.data, error: newLog ? null : s.error, loading: true }));
      const input: QueryInput<'history:series'> = { maxPoints: maxPointsFor(width) };
      request('history:series', input).then(
        (reply) => {
          // Only the latest request's reply counts: an older one may be older data.
          if (!mounted.current || id !== latestRequest.current) return;
          if (reply.ok) setState({ data: reply.data, error: null, loading: false });
          else fail(reply.error);
        },
        () => {
          if (mounted.current && id === latestRequest.current) fail(noReply);
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [request, logId, seq, width, failures]);

  return state;
}
