/**
 * The public copy the server rendered /synthese from, read from the page itself: the page's script
 * starts from it (no "waiting" flash, nothing lost when the socket cannot connect) and its socket
 * asks only for what came after.
 */
import { PUBLIC_SNAPSHOT_ELEMENT_ID, SnapshotSchema } from '@vigie/shared';
import type { SyncState } from '../../store/syncReducer.ts';

type PublicCopy = Extract<SyncState, { kind: 'public' }>;

/** The page's public snapshot as a copy, or null when it holds none that reads as one. */
export function servedPublicCopy(doc: Document = document): PublicCopy | null {
  const text = doc.getElementById(PUBLIC_SNAPSHOT_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const parsed = SnapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.audience !== 'public') return null;
    const { logId, seq, state } = parsed.data;
    return { kind: 'public', logId, seq, state };
  } catch {
    return null;
  }
}

/**
 * Which copy the page starts from: the server's, just rendered, unless the saved offline copy is
 * further along the same log — then this page came from the service worker's cache while the server
 * was unreachable, and the saved copy is the later word (shown marked as an offline copy).
 */
export function preferServed(served: PublicCopy | null, saved: SyncState | null): boolean {
  if (!served) return false;
  return !(saved?.kind === 'public' && saved.logId === served.logId && saved.seq > served.seq);
}
