import { describe, expect, it } from 'vitest';
import { RegistrySchema } from '@vigie/shared';
import { assignAreas, siteLabel } from './areas.ts';
import { buildMapRegistry } from './testing.ts';

describe('assignAreas', () => {
  const registry = RegistrySchema.parse(buildMapRegistry());
  const areas = assignAreas(registry);
  const ids = (list: { site: { id: string } }[]) => list.map((s) => s.site.id);

  it('puts Paris and petite couronne sites in the zoom, the grande couronne in Île-de-France, the rest of France in the inset', () => {
    expect(ids(areas.paris)).toEqual(['h1', 'h2', 'h3']);
    expect(ids(areas.idf)).toEqual(['h3-annexe', 'h5']);
    expect(ids(areas.france)).toEqual(['h4']);
  });

  it('lists a hospital without a site, a closed site, a site without coordinates and one beyond the maps', () => {
    expect(areas.offmap.map((e) => [e.id, e.kind, e.reason])).toEqual([
      ['h5-fermee', 'site', 'closed'],
      ['h6', 'hospital', 'no-site'],
      ['h7', 'site', 'no-coordinates'],
      ['h8', 'site', 'outside-map'],
    ]);
  });

  it('drops nothing: every site once, and every hospital without a site once', () => {
    const sites = registry.hospitals.flatMap((h) => h.sites.map((s) => s.id));
    const drawn = [...areas.paris, ...areas.idf, ...areas.france].map((s) => s.site.id);
    const listed = areas.offmap.filter((e) => e.kind === 'site').map((e) => e.id);
    expect([...drawn, ...listed].sort()).toEqual([...sites].sort());
    expect(areas.offmap.filter((e) => e.kind === 'hospital').map((e) => e.id)).toEqual(
      registry.hospitals.filter((h) => h.sites.length === 0).map((h) => h.id),
    );
  });

  it('names a main site by its hospital and another site by its own name, without "Hôpital de"', () => {
    const h3 = registry.hospitals.find((h) => h.id === 'h3')!;
    expect(siteLabel(h3, h3.sites[0]!)).toBe('Trois');
    expect(siteLabel(h3, h3.sites[1]!)).toBe('La Roche-Test');
    expect(areas.offmap.find((e) => e.id === 'h5-fermee')?.label).toBe('La Fermée');
  });

  it('uses the registry’s département, not the coordinates, to tell the zoom from the grande couronne', () => {
    // A grande couronne site inside the petite couronne's extent stays in the Île-de-France view.
    const base = buildMapRegistry();
    const h5 = base.hospitals.find((h) => h.id === 'h5')!;
    const moved = { ...h5, sites: [{ ...h5.sites[0]!, lat: 48.75, lon: 2.4 }] };
    const result = assignAreas({ ...base, hospitals: base.hospitals.map((h) => (h.id === 'h5' ? moved : h)) });
    expect(ids(result.idf)).toContain('h5');
    expect(ids(result.paris)).not.toContain('h5');
  });
});
