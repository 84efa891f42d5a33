import { describe, expect, it } from 'vitest';
import { assignAreas } from '@vigie/client/map';
import { layoutMap, type MapVariant } from '@vigie/client/map/layout';
import { defaultRegistry } from '@vigie/server/testing';

// The hospital map over the real default registry (server/registry/aphp.json): nothing dropped,
// and labels that fit without overlapping on the wall and on the overview.
const registry = defaultRegistry();

type Box = { x: number; y: number; width: number; height: number };
type Segment = { x1: number; y1: number; x2: number; y2: number };

/** Whether a segment enters a box: sampled finely enough for these sizes (a tenth of a unit). */
const crosses = (s: Segment, b: Box) => {
  const steps = Math.ceil(Math.hypot(s.x2 - s.x1, s.y2 - s.y1) * 10);
  for (let i = 0; i <= steps; i++) {
    const x = s.x1 + ((s.x2 - s.x1) * i) / steps;
    const y = s.y1 + ((s.y2 - s.y1) * i) / steps;
    if (x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height) return true;
  }
  return false;
};

describe('the hospital map of the default registry', () => {
  const areas = assignAreas(registry);
  const ids = (list: { site: { id: string } }[]) => list.map((s) => s.site.id);

  it('has 38 hospitals with 41 sites in all', () => {
    expect(registry.hospitals).toHaveLength(38);
    expect(registry.hospitals.flatMap((h) => h.sites)).toHaveLength(41);
  });

  it('draws the 36 open Île-de-France sites: 33 in the Paris and petite couronne zoom, 3 in the grande couronne', () => {
    const idf = [...areas.paris, ...areas.idf];
    expect(new Set(ids(idf)).size).toBe(36);
    expect(areas.paris).toHaveLength(33);
    expect(ids(areas.idf)).toEqual(['la-roche-guyon', 'georges-clemenceau', 'dupuytren']);
    expect(idf.every((s) => ['75', '77', '78', '91', '92', '93', '94', '95'].includes(s.site.departement ?? ''))).toBe(
      true,
    );
    expect(areas.paris.every((s) => ['75', '92', '93', '94'].includes(s.site.departement ?? ''))).toBe(true);
  });

  it('draws the 4 sites beyond Île-de-France in the France inset', () => {
    expect(ids(areas.france).sort()).toEqual(['berck', 'hendaye', 'paul-doumer', 'san-salvadour']);
  });

  it('lists the HAD (no site) and La Collégiale (closed) beside the map', () => {
    expect(areas.offmap.map((e) => [e.id, e.kind, e.reason])).toEqual([
      ['la-collegiale', 'site', 'closed'],
      ['had', 'hospital', 'no-site'],
    ]);
  });

  const overlap = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const inside = (a: Box, b: Box) =>
    a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

  it.each<MapVariant>(['wall', 'overview'])(
    'places every label of the %s without overlap, inside its panel, clear of every marker and leader',
    (variant) => {
      const layout = layoutMap(registry, variant);
      // The wall: labels of 16 units in a box of about the map's size in CSS px on a 1920×1080 wall.
      if (variant === 'wall') expect([layout.design.width, layout.design.height]).toEqual([616, 640]);
      const radius = layout.design.markerRadius;
      const markers = layout.panels.flatMap((p) => p.markers);
      expect(markers).toHaveLength(40);
      for (const panel of layout.panels) {
        expect(panel.unplaced).toEqual([]);
        for (const m of panel.markers) {
          expect(inside(m.label.box, panel.bounds)).toBe(true);
          // Nothing under a title in a corner: neither labels nor markers.
          for (const o of panel.obstacles) {
            expect(overlap(m.label.box, o), `${m.site.site.id} label under the title`).toBe(false);
            expect(overlap({ x: m.x - radius, y: m.y - radius, width: 2 * radius, height: 2 * radius }, o)).toBe(false);
          }
        }
      }
      for (const [i, a] of markers.entries()) {
        for (const b of markers.slice(i + 1)) {
          expect(overlap(a.label.box, b.label.box), `${a.site.site.id} / ${b.site.site.id}`).toBe(false);
          if (a.label.leader) expect(crosses(a.label.leader, b.label.box), `leader ${a.site.site.id}`).toBe(false);
          if (b.label.leader) expect(crosses(b.label.leader, a.label.box), `leader ${b.site.site.id}`).toBe(false);
        }
        for (const m of markers) {
          const disc = { x: m.x - radius, y: m.y - radius, width: 2 * radius, height: 2 * radius };
          expect(overlap(a.label.box, disc), `${a.site.site.id} covers ${m.site.site.id}`).toBe(false);
        }
      }
    },
  );
});
