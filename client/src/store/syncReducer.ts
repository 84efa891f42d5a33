/**
 * The client's fold of its audience stream: snapshots replace, patches apply when they continue
 * from where the copy stands, and anything else is a gap to ask about. Pure, tested without React.
 */
import {
  applyPublicPatch,
  applySituationPatch,
  type Audience,
  type Heartbeat,
  type PatchMessage,
  type PublicSituation,
  type Registry,
  type Situation,
  type Snapshot,
  type SyncPosition,
} from '@vigie/shared';

/** The copy a client holds: nothing yet, the public projection, or a viewer/staff projection with its registry. */
export type SyncState =
  | { kind: 'empty' }
  | { kind: 'public'; logId: string; seq: number; state: PublicSituation }
  | {
      kind: 'situation';
      audience: Exclude<Audience, 'public'>;
      logId: string;
      seq: number;
      state: Situation;
      registry: Registry;
    };

export const emptySync: SyncState = { kind: 'empty' };

export function positionOf(sync: SyncState): SyncPosition {
  return sync.kind === 'empty' ? { logId: null, seq: 0 } : { logId: sync.logId, seq: sync.seq };
}

export function applySnapshot(_sync: SyncState, m: Snapshot): SyncState {
  return m.audience === 'public'
    ? { kind: 'public', logId: m.logId, seq: m.seq, state: m.state }
    : { kind: 'situation', audience: m.audience, logId: m.logId, seq: m.seq, state: m.state, registry: m.registry };
}

/** Applies a patch; `gap` when it does not continue the copy (the caller asks to be brought up to date). */
export function applyPatch(sync: SyncState, m: PatchMessage): { sync: SyncState; gap: boolean } {
  if (sync.kind === 'empty' || m.logId !== sync.logId || m.from > sync.seq + 1) return { sync, gap: true };
  if (m.to <= sync.seq) return { sync, gap: false }; // already covered
  if (m.audience === 'public') {
    if (sync.kind !== 'public') return { sync, gap: true };
    return { sync: { ...sync, seq: m.to, state: applyPublicPatch(sync.state, m.patch, m.to) }, gap: false };
  }
  if (sync.kind !== 'situation') return { sync, gap: true };
  return { sync: { ...sync, seq: m.to, state: applySituationPatch(sync.state, m.patch, m.to) }, gap: false };
}

/** Whether a heartbeat confirms the copy is current (same log, same seq); otherwise it reveals a gap. */
export function heartbeatConfirms(sync: SyncState, hb: Heartbeat): boolean {
  return sync.kind !== 'empty' && hb.logId === sync.logId && hb.seq === sync.seq;
}
