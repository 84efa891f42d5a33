/**
 * The writes to some tracked items, for a hospital's timeline: the newest page of each item written
 * in this log (`history:item`), asked again when the item changes, older pages on request. Replies come
 * checked by the socket client (realtime/connect); a busy server (rate_limited, no reply) is asked again a little later.
 */
import type { ItemHistory, ItemHistoryEntry, ItemRef, QueryInput, Reply, Situation } from '@vigie/shared';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { RealtimeContext, type RequestFn } from '../../realtime/RealtimeContext.ts';
import type { HistoryError } from './useItemHistory.ts';

/** Writes asked for per item and page. */
export const VALUE_PAGE = 50;
/** A page refused as too many requests, or unanswered, is asked again this much later, this many times. */
export const RETRY_MS = 2000;
const RETRIES = 3;

export interface ValueSource {
  item: ItemRef;
  /** Newest first, with no hole. */
  entries: ItemHistoryEntry[];
  /** The oldest write's seq while older ones remain; null once every write is in. */
  before: number | null;
  loading: boolean;
  error: HistoryError | null;
}

interface Held {
  item: ItemRef;
  entries: ItemHistoryEntry[];
  before: number | null;
  error: HistoryError | null;
  /** The item's version when its newest page was last asked for. */
  asked: number;
  /** The page on its way: the newest, or the one before a cursor; null when none is. */
  want: 'newest' | number | null;
  /** Names the latest page asked for: an older request's reply is dropped. */
  ticket: number;
}

interface HeldState {
  logId: string | null;
  byKey: Record<string, Held>;
  tickets: number;
}

const keyOf = (ref: ItemRef) => `${ref.kind}/${ref.id}`;

/** Takes in a page: the newest (`before` undefined) joined to what is held when they meet, else replacing it; an older one appended. */
export function withPage<S extends Pick<ValueSource, 'entries' | 'before'>>(
  held: S,
  page: ItemHistory,
  before: number | undefined,
): S {
  if (before !== undefined) {
    if (held.before !== before) return held; // a refresh replaced what it continued
    return { ...held, entries: [...held.entries, ...page.entries.filter((e) => e.seq < before)], before: page.before };
  }
  const newest = held.entries[0]?.seq;
  const oldestOfPage = page.entries.at(-1)?.seq;
  const meets =
    newest !== undefined && (page.before === null || (oldestOfPage !== undefined && oldestOfPage <= newest));
  if (!meets) return { ...held, entries: page.entries, before: page.before };
  return { ...held, entries: [...page.entries.filter((e) => e.seq > newest), ...held.entries] };
}

const busy = (reply: Reply) => !reply.ok && ['rate_limited', 'internal'].includes(reply.error.code);
const noReply: Reply<never> = { ok: false, error: { code: 'internal', message: 'no reply from the server' } };

async function askWithRetries(request: RequestFn, input: QueryInput<'history:item'>): Promise<Reply<ItemHistory>> {
  for (let attempt = 0; ; attempt++) {
    const reply = await request('history:item', input).catch(() => noReply);
    if (!busy(reply) || attempt >= RETRIES) return reply;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** Marks the items due for their newest page: written in this log, and never asked for or changed since. */
function markDue(state: HeldState, refs: ItemRef[], items: Situation['items']): HeldState {
  let next = state;
  for (const ref of refs) {
    const version = items[ref.kind][ref.id]?.version ?? 0;
    const s = next.byKey[keyOf(ref)];
    if (version === 0 || (s && (s.want !== null || version <= s.asked))) continue;
    const ticket = next.tickets + 1;
    const marked: Held = s
      ? { ...s, error: null, asked: version, want: 'newest', ticket }
      : { item: ref, entries: [], before: null, error: null, asked: version, want: 'newest', ticket };
    next = { ...next, tickets: ticket, byKey: { ...next.byKey, [keyOf(ref)]: marked } };
  }
  return next;
}

export interface ValueChanges {
  /** One per item written in this log, in the order of `refs`. */
  sources: ValueSource[];
  /** Asks for the page before each given item's cursor. */
  loadOlder: (items: ItemRef[]) => void;
  /** Asks again for the items whose page failed. */
  retry: () => void;
}

export function useValueChanges(logId: string | null, refs: ItemRef[], items: Situation['items']): ValueChanges {
  const request = useContext(RealtimeContext);
  const [held, setHeld] = useState<HeldState>({ logId, byKey: {}, tickets: 0 });
  const sent = useRef(new Set<number>());
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // While rendering, so the list never shows a frame behind the copy: another log (a new incident)
  // starts over, and an item written since it was last asked for is asked again.
  const base = held.logId === logId ? held : { logId, byKey: {}, tickets: held.tickets };
  const current = markDue(base, refs, items);
  if (current !== held) setHeld(current);

  const change = useCallback((forLog: string | null, key: string, ticket: number, f: (s: Held) => Held) => {
    if (!alive.current) return;
    setHeld((h) => {
      const s = h.byKey[key];
      return h.logId !== forLog || s?.ticket !== ticket ? h : { ...h, byKey: { ...h.byKey, [key]: f(s) } };
    });
  }, []);

  // Every page marked as wanted is asked for once.
  useEffect(() => {
    for (const [key, s] of Object.entries(held.byKey)) {
      if (s.want === null || sent.current.has(s.ticket)) continue;
      sent.current.add(s.ticket);
      const { ticket, want } = s;
      const before = want === 'newest' ? undefined : want;
      const input: QueryInput<'history:item'> = {
        item: s.item,
        limit: VALUE_PAGE,
        ...(before === undefined ? {} : { before }),
      };
      void askWithRetries(request, input).then((reply) => {
        change(held.logId, key, ticket, (x) =>
          reply.ok
            ? { ...withPage(x, reply.data, before), want: null, error: null }
            : { ...x, want: null, error: reply.error.code },
        );
      });
    }
  }, [held, request, change]);

  const sources = useMemo(
    () =>
      refs.flatMap((ref): ValueSource[] => {
        const s = current.byKey[keyOf(ref)];
        return s
          ? [{ item: s.item, entries: s.entries, before: s.before, loading: s.want !== null, error: s.error }]
          : [];
      }),
    [refs, current],
  );

  const loadOlder = (wanted: ItemRef[]) =>
    setHeld((h) => {
      let next = h;
      for (const ref of wanted) {
        const s = next.byKey[keyOf(ref)];
        if (!s || s.want !== null || s.before === null) continue;
        const ticket = next.tickets + 1;
        next = { ...next, tickets: ticket, byKey: { ...next.byKey, [keyOf(ref)]: { ...s, want: s.before, ticket } } };
      }
      return next;
    });
  // Forgetting the version asked for makes the item due again.
  const retry = () =>
    setHeld((h) => ({
      ...h,
      byKey: Object.fromEntries(
        Object.entries(h.byKey).map(([key, s]) => [key, s.error ? { ...s, error: null, asked: 0 } : s]),
      ),
    }));

  return { sources, loadOlder, retry };
}
