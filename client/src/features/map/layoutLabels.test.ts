import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  boxInside,
  estimateTextWidth,
  labelBeside,
  layoutLabels,
  segmentHitsBox,
  type Box,
  type LabelRequest,
  type LabelSettings,
} from './layoutLabels.ts';

/** A deterministic cloud of markers: a dense centre and a sparse ring, like central Paris. */
function buildCluster(count: number, width: number, height: number): LabelRequest[] {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const names = ['Hôtel-Dieu', 'Pitié-Salpêtrière', 'HEGP', 'Necker', 'Saint-Antoine', 'Lariboisière', 'Broca'];
  return Array.from({ length: count }, (_, i) => {
    const radius = (i < count / 2 ? 0.12 : 0.35) * Math.min(width, height) * Math.sqrt(random());
    const angle = 2 * Math.PI * random();
    return {
      id: `m${i}`,
      x: width / 2 + radius * Math.cos(angle),
      y: height / 2 + radius * Math.sin(angle),
      text: names[i % names.length]!,
    };
  });
}

/** Markers on a jittered grid `spacing` apart, around the centre of the view. */
function buildGrid(columns: number, rows: number, spacing: number, view: Box): LabelRequest[] {
  const names = ['Tenon', 'Robert-Debré', 'Bichat', 'Saint-Louis', 'Trousseau', 'Cochin', 'Vaugirard'];
  return Array.from({ length: columns * rows }, (_, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    return {
      id: `g${i}`,
      x: view.width / 2 + (column - (columns - 1) / 2) * spacing + ((row * 13) % 7) * 3,
      y: view.height / 2 + (row - (rows - 1) / 2) * spacing + ((column * 11) % 5) * 3,
      text: names[i % names.length]!,
    };
  });
}

function expectClean(requests: LabelRequest[], settings: LabelSettings, all = true) {
  const { placed, unplaced } = layoutLabels(requests, settings);
  if (all) expect(unplaced).toEqual([]);
  expect([...placed.map((l) => l.id), ...unplaced].sort()).toEqual(requests.map((r) => r.id).sort());
  for (const [i, a] of placed.entries()) {
    expect(boxInside(a.box, settings.bounds), `${a.id} leaves the view`).toBe(true);
    for (const b of placed.slice(i + 1)) {
      expect(boxesOverlap(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
      if (b.leader) expect(segmentHitsBox(b.leader, a.box), `${b.id}'s leader crosses ${a.id}`).toBe(false);
      if (a.leader) expect(segmentHitsBox(a.leader, b.box), `${a.id}'s leader crosses ${b.id}`).toBe(false);
    }
    for (const m of requests) {
      const r = settings.markerRadius;
      const marker: Box = { x: m.x - r / 2, y: m.y - r / 2, width: r, height: r };
      expect(boxesOverlap(a.box, marker), `${a.id} covers marker ${m.id}`).toBe(false);
    }
  }
  return placed;
}

describe('estimateTextWidth', () => {
  it('grows with the text and the font size, capitals counting wider', () => {
    expect(estimateTextWidth('Broca', 24)).toBeGreaterThan(estimateTextWidth('Broca', 16));
    expect(estimateTextWidth('HEGP', 20)).toBeGreaterThan(estimateTextWidth('hegp', 20));
    // At least DejaVu Sans' advance widths: "Pitié-Salpêtrière" is 9.3 em wide in it.
    expect(estimateTextWidth('Pitié-Salpêtrière', 1)).toBeGreaterThanOrEqual(9.3);
  });
});

describe('layoutLabels', () => {
  const bounds: Box = { x: 0, y: 0, width: 1280, height: 1000 };
  const settings: LabelSettings = { bounds, fontSize: 24, markerRadius: 17.6 };

  it('puts a lone label to the right of its marker', () => {
    const { placed } = layoutLabels([{ id: 'a', x: 100, y: 100, text: 'Cochin' }], settings);
    expect(placed[0]?.leader).toBeNull();
    expect(placed[0]?.box.x).toBeGreaterThan(100);
    expect(placed[0]?.text.anchor).toBe('start');
  });

  it('keeps a label inside the view near its edge', () => {
    const { placed } = layoutLabels([{ id: 'a', x: 1270, y: 500, text: 'Robert-Debré' }], settings);
    expect(boxInside(placed[0]!.box, bounds)).toBe(true);
    expect(placed[0]?.text.anchor).toBe('end');
  });

  it('places every label of a Paris-like cluster with no overlap, inside the view, clear of the markers', () => {
    // 30 markers three marker widths apart: about central Paris on the wall.
    expectClean(buildGrid(6, 5, 3 * 2 * 17.6, bounds), settings);
  });

  it('never overlaps, even when markers are too dense to label them all, and reports the rest', () => {
    expectClean(buildCluster(40, bounds.width, bounds.height), settings, false);
  });

  it('keeps clear of obstacles such as a title band', () => {
    const title: Box = { x: 0, y: 0, width: 1280, height: 60 };
    const placed = expectClean([{ id: 'a', x: 640, y: 70, text: 'Bichat' }], { ...settings, obstacles: [title] });
    expect(boxesOverlap(placed[0]!.box, title)).toBe(false);
  });

  it('is deterministic', () => {
    const requests = buildCluster(30, bounds.width, bounds.height);
    expect(layoutLabels(requests, settings)).toEqual(layoutLabels(requests, settings));
  });

  it('offers the position to the right of the marker as a last resort', () => {
    const label = labelBeside({ id: 'a', x: 10, y: 20, text: 'Lariboisière' }, settings);
    expect(label.box.x).toBeGreaterThan(10);
    expect(label.leader).toBeNull();
  });

  it('reports the labels it cannot place', () => {
    const tiny: Box = { x: 0, y: 0, width: 120, height: 40 };
    const { placed, unplaced } = layoutLabels(
      [
        { id: 'a', x: 10, y: 20, text: 'Lariboisière' },
        { id: 'b', x: 30, y: 20, text: 'Fernand-Widal' },
      ],
      { ...settings, bounds: tiny },
    );
    expect(placed).toEqual([]);
    expect(unplaced).toEqual(['a', 'b']);
  });
});
