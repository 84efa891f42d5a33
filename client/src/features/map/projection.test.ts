import { geoArea, geoContains } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import franceTopo from './data/france.topo.json';
import idfTopo from './data/idf.topo.json';
import { fitProjection, franceDepartements, idfDepartements, lambert93, projectSites } from './projection.ts';
import { assignAreas } from './areas.ts';
import { buildMapRegistry } from './testing.ts';

const NOTRE_DAME: [number, number] = [2.3499, 48.853];

describe('the basemap', () => {
  it('has the 8 Île-de-France départements and the 96 of metropolitan France, names corrected', () => {
    expect(idfDepartements().map((d) => d.properties.code)).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
    const france = franceDepartements();
    expect(france).toHaveLength(96);
    const names = new Map(france.map((d) => [d.properties.code, d.properties.name]));
    expect(names.get('77')).toBe('Seine-et-Marne');
    expect(names.get('68')).toBe('Haut-Rhin');
    expect(names.get('2A')).toBe('Corse-du-Sud');
  });

  it('winds its rings as d3-geo expects: each département is small and holds its own places', () => {
    for (const d of [...idfDepartements(), ...franceDepartements()]) expect(geoArea(d)).toBeLessThan(0.001);
    const paris = idfDepartements().find((d) => d.properties.code === '75')!;
    expect(geoContains(paris, NOTRE_DAME)).toBe(true);
    expect(geoContains(paris, [2.51, 49.351])).toBe(false);
  });

  it('says where it comes from and stays small', () => {
    for (const topo of [idfTopo, franceTopo]) {
      expect(topo.provenance.credit).toBe('Made with Natural Earth');
      expect(topo.provenance.derivedBy).toBe('scripts/build-basemap.mjs');
    }
    expect(JSON.stringify(idfTopo).length).toBeLessThan(8_000);
    expect(JSON.stringify(franceTopo).length).toBeLessThan(40_000);
  });
});

describe('projection', () => {
  it('is a conic conformal with the Lambert-93 parallels and central meridian', () => {
    const p = lambert93();
    expect(p.rotate()[0]).toBeCloseTo(-3, 9);
    expect(p.parallels()).toEqual([44, 49]);
    // On the central meridian, north is straight up.
    const [x1] = p([3, 44])!;
    const [x2] = p([3, 50])!;
    expect(x1).toBeCloseTo(x2, 6);
  });

  it('fits a view to its extent and puts the sites inside it', () => {
    const box = { x: 100, y: 50, width: 600, height: 500 };
    const projection = fitProjection({ type: 'FeatureCollection', features: idfDepartements() }, box);
    const points = projectSites(assignAreas(buildMapRegistry()).idf, projection);
    expect(points).toHaveLength(2);
    for (const { x, y } of points) {
      expect(x).toBeGreaterThanOrEqual(box.x);
      expect(x).toBeLessThanOrEqual(box.x + box.width);
      expect(y).toBeGreaterThanOrEqual(box.y);
      expect(y).toBeLessThanOrEqual(box.y + box.height);
    }
    // Orientation: the site in Val-d'Oise is north-west of the one in Essonne.
    const [annexe, essonne] = points;
    expect(annexe!.x).toBeLessThan(essonne!.x);
    expect(annexe!.y).toBeLessThan(essonne!.y);
  });
});
