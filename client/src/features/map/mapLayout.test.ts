import { describe, expect, it } from 'vitest';
import { boxesOverlap, boxInside, estimateTextWidth } from './layoutLabels.ts';
import { collisionRadius, designs, layoutMap, type MapVariant } from './mapLayout.ts';
import { mapMessages } from './messages.ts';
import { buildMapRegistry } from './testing.ts';

const variants: MapVariant[] = ['wall', 'overview'];

describe('layoutMap', () => {
  it.each(variants)('lays out every panel of the %s inside its view box, with each marker in its panel', (variant) => {
    const layout = layoutMap(buildMapRegistry(), variant);
    const { width, height } = layout.design;
    expect(layout.panels.map((p) => [p.area, p.markers.map((m) => m.site.site.id)])).toEqual([
      ['paris', ['h1', 'h2', 'h3']],
      ['idf', ['h3-annexe', 'h5']],
      ['france', ['h4']],
    ]);
    for (const panel of layout.panels) {
      expect(boxInside(panel.frame, { x: 0, y: 0, width, height })).toBe(true);
      expect(panel.unplaced).toEqual([]);
      expect(panel.shapes.length).toBe(panel.area === 'france' ? 96 : 8);
      for (const m of panel.markers) {
        expect(boxInside({ x: m.x, y: m.y, width: 0, height: 0 }, panel.bounds)).toBe(true);
        expect(boxInside(m.label.box, panel.bounds)).toBe(true);
      }
    }
    expect(layout.offmap.map((e) => e.id)).toEqual(['h5-fermee', 'h6', 'h7', 'h8']);
  });

  it('does not let panels overlap', () => {
    for (const variant of variants) {
      const [a, b, c] = Object.values(designs[variant].panels);
      expect(boxesOverlap(a!, b!) || boxesOverlap(b!, c!) || boxesOverlap(a!, c!)).toBe(false);
    }
  });

  it('keeps wall labels at 16 CSS px or more in the map’s box on a 1920×1080 wall (640×655 px), and markers apart from them', () => {
    const { width, height, fontSize } = designs.wall;
    const scale = Math.min(640 / width, 655 / height);
    expect(fontSize * scale).toBeGreaterThanOrEqual(16);
    expect(collisionRadius(designs.wall)).toBeGreaterThan(designs.wall.markerRadius * 1.25);
  });

  it('keeps the zoom’s sites below a title in a corner on the wall, and its labels clear of it', () => {
    const [paris] = layoutMap(buildMapRegistry(), 'wall').panels;
    expect(paris?.obstacles).toEqual([paris?.header]);
    const title = paris!.header;
    for (const m of paris!.markers) {
      expect(m.y).toBeGreaterThan(title.y + title.height);
      expect(boxesOverlap(m.label.box, title)).toBe(false);
    }
  });

  it('fits each title and caption in its panel, in both languages', () => {
    for (const variant of variants) {
      const { panels, titleSize, fontSize, compact } = designs[variant];
      for (const t of Object.values(mapMessages)) {
        for (const area of ['paris', 'idf', 'france'] as const) {
          // Titles are bold: allow 15% more than the regular estimate.
          expect(estimateTextWidth(t.areas[area], titleSize) * 1.15 + fontSize).toBeLessThan(panels[area].width);
        }
        // A compact design shows no caption.
        if (!compact)
          expect(estimateTextWidth(t.zoomCaption, fontSize) + 2.5 * fontSize).toBeLessThan(panels.idf.width);
      }
    }
  });

  it('depends on the registry only and gives the same layout every time', () => {
    expect(layoutMap(buildMapRegistry(), 'overview')).toEqual(layoutMap(buildMapRegistry(), 'overview'));
  });
});
