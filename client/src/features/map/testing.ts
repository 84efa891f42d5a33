/** Test factory: a small registry with a site in every part of the hospital map and beside it. */
import type { Hospital, Registry, Site } from '@vigie/shared';
import { buildRegistry } from '@vigie/shared/testing';

type Place = Pick<Site, 'departement' | 'lat' | 'lon'>;

const buildSite = (id: string, place: Place, overrides: Partial<Site> = {}): Site => ({
  id,
  name: `Hôpital ${id}`,
  address: null,
  postcode: null,
  commune: null,
  coordQuality: 'test',
  closed: null,
  ...place,
  ...overrides,
});

const buildHospital = (id: string, shortName: string, sites: Site[], overrides: Partial<Hospital> = {}): Hospital => ({
  id,
  name: `Hôpital ${shortName}`,
  shortName,
  ghuId: null,
  outsideIleDeFrance: false,
  sites,
  note: null,
  ...overrides,
});

/**
 * The shared factory's registry (h1, h2 in Paris) plus: h3 in the petite couronne with a second
 * site in the grande couronne, h4 beyond Île-de-France, h5 in the grande couronne with a closed
 * site, h6 without a site (like the HAD), h7 whose site has no coordinates, h8 overseas.
 */
export function buildMapRegistry(): Registry {
  const base = buildRegistry();
  const [h1, h2] = base.hospitals;
  if (!h1 || !h2) throw new Error('the shared factory has two hospitals');
  const moved: Hospital = {
    ...h2,
    sites: h2.sites.map((s) => ({ ...s, lat: 48.8989, lon: 2.3319 })),
  };
  return {
    ...base,
    hospitals: [
      h1,
      moved,
      buildHospital('h3', 'Trois', [
        buildSite('h3', { departement: '92', lat: 48.8381, lon: 2.1803 }),
        buildSite('h3-annexe', { departement: '95', lat: 49.084, lon: 1.63 }, { name: 'Hôpital de La Roche-Test' }),
      ]),
      buildHospital('h4', 'Quatre', [buildSite('h4', { departement: '62', lat: 50.4011, lon: 1.5583 })], {
        outsideIleDeFrance: true,
      }),
      buildHospital('h5', 'Cinq', [
        buildSite('h5', { departement: '91', lat: 48.6758, lon: 2.4133 }),
        buildSite(
          'h5-fermee',
          { departement: '75', lat: null, lon: null },
          {
            name: 'Hôpital La Fermée',
            closed: 'since 2022-05-30',
          },
        ),
      ]),
      buildHospital('h6', 'Six à domicile', []),
      buildHospital('h7', 'Sept', [buildSite('h7', { departement: '93', lat: null, lon: null })]),
      buildHospital('h8', 'Huit', [buildSite('h8', { departement: '971', lat: 16.24, lon: -61.53 })], {
        outsideIleDeFrance: true,
      }),
    ],
  };
}
