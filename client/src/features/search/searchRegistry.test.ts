import { describe, expect, it } from 'vitest';
import type { Registry } from '@vigie/shared';
import { buildHospital as hospital, buildRegistry } from '@vigie/shared/testing';
import { searchRegistry } from './searchRegistry.ts';

/** Some AP-HP hospitals, SAMU and systems as the registry spells them. */
function registry(): Registry {
  const base = buildRegistry();
  const raymond = hospital('raymond-poincare', 'Raymond-Poincaré', 'Hôpital Raymond-Poincaré');
  return buildRegistry({
    hospitals: [
      hospital('hegp', 'HEGP', 'Hôpital européen Georges-Pompidou'),
      hospital('necker', 'Necker', 'Hôpital Necker-Enfants malades'),
      hospital('pitie-salpetriere', 'Pitié-Salpêtrière', 'Hôpital de la Pitié-Salpêtrière'),
      hospital('lariboisiere', 'Lariboisière', 'Hôpital Lariboisière', [
        'Hôpital Lariboisière',
        'Hôpital Fernand-Widal',
      ]),
      { ...raymond, sites: [{ ...raymond.sites[0]!, departement: '92' }] },
    ],
    emergencyDepartments: [],
    samu: [
      { id: 'samu-75', name: 'SAMU de Paris (75)', hospitalId: 'necker', siteId: 'necker' },
      { id: 'samu-92', name: 'SAMU 92 (Hauts-de-Seine)', hospitalId: 'raymond-poincare', siteId: 'raymond-poincare' },
    ],
    systems: [
      ...base.systems,
      {
        id: 'messagerie',
        name: { fr: 'Messagerie interne', en: 'Internal e-mail and messaging' },
        shortName: { fr: 'Messagerie', en: 'E-mail' },
        hosting: 'datacenter',
        stage: 'messagerie-telephonie',
        restorationOrder: 2,
      },
    ],
  });
}

const ids = (query: string, lang: 'fr' | 'en' = 'fr') =>
  searchRegistry(query, registry(), lang).map((r) => `${r.kind}:${r.id}`);

describe('searchRegistry', () => {
  it('finds a hospital by short or full name, whatever the accents and case, and leads to its page', () => {
    expect(ids('pitie')).toEqual(['hospital:pitie-salpetriere']);
    expect(ids('PITIÉ salpe')).toEqual(['hospital:pitie-salpetriere']);
    expect(ids('hegp')).toEqual(['hospital:hegp']);
    const [pompidou] = searchRegistry('pompidou', registry(), 'fr');
    expect(pompidou).toMatchObject({
      kind: 'hospital',
      id: 'hegp',
      label: 'HEGP',
      detail: 'Hôpital européen Georges-Pompidou',
      matched: null,
      path: '/hopital/hegp',
    });
  });

  it('finds a hospital by one of its sites’ names, and says which name matched', () => {
    expect(searchRegistry('fernand widal', registry(), 'fr')).toEqual([
      expect.objectContaining({ id: 'lariboisiere', label: 'Lariboisière', matched: 'Hôpital Fernand-Widal' }),
    ]);
  });

  it('matches each typed word at the start of a word, not inside one', () => {
    expect(ids('salpetriere')).toEqual(['hospital:pitie-salpetriere']);
    expect(ids('triere')).toEqual([]);
    expect(ids('pitie necker')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });

  it('finds a SAMU by name or département number and leads to its host hospital’s page', () => {
    expect(ids('samu')).toEqual(['samu:samu-92', 'samu:samu-75']);
    expect(ids('75')).toEqual(['samu:samu-75']);
    expect(searchRegistry('samu 92', registry(), 'fr')[0]).toMatchObject({
      id: 'samu-92',
      detail: 'Raymond-Poincaré',
      path: '/hopital/raymond-poincare',
    });
  });

  it('finds a system by its name in either language, labelled in the screen’s language', () => {
    expect(searchRegistry('e-mail', registry(), 'fr')[0]).toMatchObject({
      kind: 'system',
      id: 'messagerie',
      label: 'Messagerie',
      matched: 'E-mail',
      path: '/systeme/messagerie',
    });
    expect(searchRegistry('messagerie', registry(), 'en')[0]).toMatchObject({ label: 'E-mail', matched: 'Messagerie' });
  });

  it('puts the closest names first: a whole name, then a name’s beginning, then a word anywhere', () => {
    // "Necker" is a whole short name; "Hôpital Necker-Enfants malades" only contains it.
    const base = registry();
    const withOther = {
      ...base,
      hospitals: [...base.hospitals, hospital('enfants', 'Enfants', 'Hôpital des enfants de Necker')],
    };
    expect(searchRegistry('necker', withOther, 'fr').map((r) => r.id)).toEqual(['necker', 'enfants']);
    expect(searchRegistry('enfants', withOther, 'fr').map((r) => r.id)).toEqual(['enfants', 'necker']);
  });
});
