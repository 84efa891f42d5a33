/**
 * The estimated return to normal on a time axis: a line where each revision was made (at its
 * effective time, else when it was recorded) and one at each revision's target time when it has
 * one. The latest revision is the current estimate; earlier ones are kept, marked superseded.
 */
import { ms, type EtaRevision } from '@vigie/shared';

export interface EtaMarker {
  /** Stable React key. */
  key: string;
  /** `revision`: when the estimate was revised; `target`: the return to normal it announced. */
  kind: 'revision' | 'target';
  /** Epoch milliseconds. */
  at: number;
  /** The revision's own words, e.g. "dimanche matin". */
  label: string;
  /** Whether it belongs to the latest revision (the current estimate). */
  latest: boolean;
}

/** Markers of every revision, in time order (revision before target at the same instant). */
export function etaMarkers(eta: readonly EtaRevision[]): EtaMarker[] {
  const latestSeq = eta.reduce((max, r) => Math.max(max, r.seq), 0);
  const markers = eta.flatMap((r): EtaMarker[] => {
    const latest = r.seq === latestSeq;
    const revision: EtaMarker = {
      key: `revision-${r.seq}`,
      kind: 'revision',
      at: ms(r.effectiveAt ?? r.recordedAt),
      label: r.label,
      latest,
    };
    if (r.targetAt === null) return [revision];
    return [revision, { key: `target-${r.seq}`, kind: 'target', at: ms(r.targetAt), label: r.label, latest }];
  });
  const order = (m: EtaMarker) => (m.kind === 'revision' ? 0 : 1);
  return markers.sort((a, b) => a.at - b.at || order(a) - order(b) || a.key.localeCompare(b.key));
}

/** Where a marker's label goes: its row above the plot (0 nearest to it) and which side of its line. */
export interface LabelPlace {
  row: number;
  anchor: 'start' | 'end';
}

/**
 * Places labels in rows above the plot so they do not overlap: each label, left to right, takes
 * the first row where it fits beside the labels already there (the least crowded row when none
 * has room). A label that would run past the right edge is written to the left of its line.
 */
export function placeLabels(
  labels: readonly { x: number; width: number }[],
  bounds: { left: number; right: number },
  rows: number,
  gap = 8,
): LabelPlace[] {
  const ends = Array.from({ length: Math.max(1, rows) }, () => Number.NEGATIVE_INFINITY);
  const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.x - labels[b]!.x);
  const places: LabelPlace[] = labels.map(() => ({ row: 0, anchor: 'start' }));
  for (const i of order) {
    const { x, width } = labels[i]!;
    const anchor = x + width + gap > bounds.right && x - width - gap >= bounds.left ? 'end' : 'start';
    const from = anchor === 'start' ? x : x - width - gap;
    let row = ends.findIndex((end) => end + gap <= from);
    if (row === -1) row = ends.indexOf(Math.min(...ends));
    ends[row] = Math.max(ends[row]!, anchor === 'start' ? x + width + gap : x);
    places[i] = { row, anchor };
  }
  return places;
}
