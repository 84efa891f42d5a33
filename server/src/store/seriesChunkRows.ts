/**
 * A chart chunk as a row of `series_chunks`: the points of each series as float64 columns in one
 * blob (times then values, series in `seriesNames` order), with how many each has in `counts`.
 * Binary, so saving and reading back a million points is a copy, not a parse.
 */
import { seriesNames, type SeriesName } from '@vigie/shared';
import type { SeriesChunk, SeriesChunkHead } from './eventStore.ts';

export interface SeriesChunkRow {
  from_seq: number;
  to_seq: number;
  registry_version: string;
  time: number;
  last: string;
  counts: string;
  points: Buffer;
}

export type SeriesHeadRow = Omit<SeriesChunkRow, 'points'>;

export function toRow(chunk: SeriesChunk): SeriesChunkRow {
  const counts: Partial<Record<SeriesName, number>> = {};
  let total = 0;
  for (const name of seriesNames) {
    const n = chunk.points[name]?.t.length ?? 0;
    if (n > 0) counts[name] = n;
    total += 2 * n;
  }
  const columns = new Float64Array(total);
  let at = 0;
  for (const name of seriesNames) {
    const points = chunk.points[name];
    if (!points || points.t.length === 0) continue;
    columns.set(points.t, at);
    columns.set(points.v, at + points.t.length);
    at += 2 * points.t.length;
  }
  return {
    from_seq: chunk.fromSeq,
    to_seq: chunk.toSeq,
    registry_version: chunk.registryVersion,
    time: chunk.time,
    last: JSON.stringify(chunk.last),
    counts: JSON.stringify(counts),
    points: Buffer.from(columns.buffer, columns.byteOffset, columns.byteLength),
  };
}

export const toHead = (r: SeriesHeadRow): SeriesChunkHead => ({
  fromSeq: r.from_seq,
  toSeq: r.to_seq,
  registryVersion: r.registry_version,
  time: r.time,
  last: JSON.parse(r.last) as SeriesChunkHead['last'],
  counts: JSON.parse(r.counts) as SeriesChunkHead['counts'],
});

export function toChunk(r: SeriesChunkRow): SeriesChunk {
  // Read in place when the blob's buffer allows float64 access, else copied into one that does.
  const { buffer, byteOffset, byteLength } = r.points;
  const columns =
    byteOffset % 8 === 0
      ? new Float64Array(buffer, byteOffset, byteLength / 8)
      : new Float64Array(new Uint8Array(r.points).buffer);
  const { counts, ...head } = toHead(r);
  const points: SeriesChunk['points'] = {};
  let at = 0;
  for (const name of seriesNames) {
    const n = counts[name] ?? 0;
    if (n === 0) continue;
    points[name] = { t: columns.subarray(at, at + n), v: columns.subarray(at + n, at + 2 * n) };
    at += 2 * n;
  }
  return { ...head, points };
}
