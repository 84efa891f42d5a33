/**
 * The signed-in person's recent item changes, as the server keeps them (`changes:list`): asked when
 * the console opens and again whenever one of their writes arrives (from this page or another
 * device) or an item the list shows moves (a change someone overwrote becomes superseded).
 */
import { OwnChangesSchema, type ErrorCode, type ItemRef, type OwnChange } from '@vigie/shared';
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { RealtimeContext } from '../../realtime/RealtimeContext.ts';
import { StoreContext } from '../../store/StoreContext.ts';
import type { VigieState } from '../../store/vigieStore.ts';

export interface OwnChangesState {
  /** Newest first; null until the first reply. */
  changes: OwnChange[] | null;
  /** Why the latest request failed, if it did (the list in hand stays). */
  error: ErrorCode | 'unreadable' | null;
}

/**
 * What moves the list, as one string: the log, the person's newest write in the journal and the
 * version of every item the list shows. Empty while there is no situation or no person to ask for.
 */
export function refreshKey(s: VigieState, items: readonly ItemRef[]): string {
  const { sync } = s;
  const me = s.session.info;
  if (sync.kind !== 'situation' || me?.kind !== 'person') return '';
  const mine = sync.state.journal.findLast((l) => l.by.kind === 'person' && l.by.id === me.id)?.seq ?? 0;
  const versions = items.map((i) => sync.state.items[i.kind][i.id]?.version ?? 0).join(',');
  return `${sync.logId}|${mine}|${versions}`;
}

export function useOwnChanges(): OwnChangesState {
  const request = useContext(RealtimeContext);
  const [state, setState] = useState<OwnChangesState>({ changes: null, error: null });
  const items = useMemo(() => (state.changes ?? []).flatMap((c) => c.items.map((i) => i.item)), [state.changes]);
  const key = useStoreSelector((s) => refreshKey(s, items));
  const store = useContext(StoreContext);
  const latest = useRef(0);
  // The key a reply answers, its own items included: taking in the list's new items asks nothing again.
  const answered = useRef('');

  useEffect(() => {
    if (key === '' || key === answered.current) return;
    const mine = ++latest.current;
    // Only the latest request's reply counts: an older one may predate a change.
    const settle = (next: (s: OwnChangesState) => OwnChangesState) => {
      if (mine === latest.current) setState(next);
    };
    request('changes:list', {}).then(
      (reply) => {
        if (!reply.ok) return settle((s) => ({ ...s, error: reply.error.code }));
        const parsed = OwnChangesSchema.safeParse(reply.data);
        if (!parsed.success) return settle((s) => ({ ...s, error: 'unreadable' }));
        const { changes } = parsed.data;
        if (mine !== latest.current) return;
        answered.current = refreshKey(
          store.getState(),
          changes.flatMap((c) => c.items.map((i) => i.item)),
        );
        setState({ changes, error: null });
      },
      () => settle((s) => ({ ...s, error: 'internal' })),
    );
    return () => {
      latest.current += 1;
    };
  }, [request, store, key]);

  return state;
}
