import { describe, expect, it } from 'vitest';
import type { EtaRevision } from '@vigie/shared';
import { buildActor } from '@vigie/shared/testing';
import { etaMarkers, placeLabels } from './etaMarkers.ts';

function buildRevision(overrides: Partial<EtaRevision> = {}): EtaRevision {
  return {
    seq: 1,
    label: 'dimanche matin',
    targetAt: null,
    reason: '',
    by: buildActor(),
    recordedAt: '2024-08-03T10:00:00.000Z',
    effectiveAt: null,
    ...overrides,
  };
}

const at = Date.parse;

describe('etaMarkers', () => {
  it('marks each revision when it took effect, else when it was recorded, and its target when it has one', () => {
    const eta = [
      buildRevision({ seq: 4, label: 'samedi soir', targetAt: '2024-08-03T20:00:00.000Z' }),
      buildRevision({
        seq: 9,
        label: 'dimanche matin',
        recordedAt: '2024-08-03T15:00:00.000Z',
        effectiveAt: '2024-08-03T14:30:00.000Z',
      }),
    ];

    const markers = etaMarkers(eta);

    expect(markers).toEqual([
      { key: 'revision-4', kind: 'revision', at: at('2024-08-03T10:00:00.000Z'), label: 'samedi soir', latest: false },
      {
        key: 'revision-9',
        kind: 'revision',
        at: at('2024-08-03T14:30:00.000Z'),
        label: 'dimanche matin',
        latest: true,
      },
      { key: 'target-4', kind: 'target', at: at('2024-08-03T20:00:00.000Z'), label: 'samedi soir', latest: false },
    ]);
  });

  it('takes the revision with the highest seq as the current estimate, whatever the order given', () => {
    const eta = [
      buildRevision({ seq: 7, targetAt: '2024-08-04T08:00:00.000Z' }),
      buildRevision({ seq: 2, recordedAt: '2024-08-03T09:30:00.000Z', targetAt: '2024-08-03T18:00:00.000Z' }),
    ];

    const latest = etaMarkers(eta).filter((m) => m.latest);

    expect(latest.map((m) => m.key)).toEqual(['revision-7', 'target-7']);
  });

  it('puts a revision before a target at the same instant, and gives nothing without revisions', () => {
    const eta = [
      buildRevision({ seq: 3, recordedAt: '2024-08-03T12:00:00.000Z' }),
      buildRevision({ seq: 1, targetAt: '2024-08-03T12:00:00.000Z' }),
    ];

    expect(etaMarkers(eta).map((m) => m.key)).toEqual(['revision-1', 'revision-3', 'target-1']);
    expect(etaMarkers([])).toEqual([]);
  });
});

describe('placeLabels', () => {
  const bounds = { left: 0, right: 1000 };

  it('keeps labels that fit side by side in the first row, and lifts an overlapping one to the next', () => {
    const places = placeLabels(
      [
        { x: 100, width: 200 },
        { x: 500, width: 200 },
        { x: 150, width: 100 },
      ],
      bounds,
      3,
    );

    expect(places).toEqual([
      { row: 0, anchor: 'start' },
      { row: 0, anchor: 'start' },
      { row: 1, anchor: 'start' },
    ]);
  });

  it('writes a label that would run past the right edge to the left of its line', () => {
    expect(placeLabels([{ x: 950, width: 200 }], bounds, 2)).toEqual([{ row: 0, anchor: 'end' }]);
  });

  it('uses the least crowded row when every row is taken', () => {
    const places = placeLabels(
      [
        { x: 0, width: 400 },
        { x: 10, width: 100 },
        { x: 20, width: 100 },
      ],
      bounds,
      2,
    );

    expect(places.map((p) => p.row)).toEqual([0, 1, 1]);
  });
});
