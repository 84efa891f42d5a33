import { describe, expect, it } from 'vitest';
import { foldedWords, hospitalNames, mentionsOf } from './mentions.ts';
import type { Registry } from './registry.ts';
import { buildHospital as hospital, buildRegistry } from './testing/factories.ts';

/** A few AP-HP hospitals, with the names as the registry spells them. */
function registry(): Registry {
  return buildRegistry({
    hospitals: [
      hospital('cochin', 'Cochin', 'Hôpital Cochin – Port-Royal'),
      hospital('hegp', 'HEGP', 'Hôpital européen Georges-Pompidou'),
      hospital('hotel-dieu', 'Hôtel-Dieu', 'Hôpital Hôtel-Dieu'),
      hospital('pitie-salpetriere', 'Pitié-Salpêtrière', 'Hôpital de la Pitié-Salpêtrière'),
      hospital('bichat', 'Bichat', 'Hôpital Bichat – Claude-Bernard'),
      hospital('lariboisiere', 'Lariboisière', 'Hôpital Lariboisière', [
        'Hôpital Lariboisière',
        'Hôpital Fernand-Widal',
      ]),
      hospital('saint-louis', 'Saint-Louis', 'Hôpital Saint-Louis'),
      hospital('louis-mourier', 'Louis-Mourier', 'Hôpital Louis-Mourier'),
      hospital('rene-muret', 'René-Muret', 'Hôpital René-Muret(-Bigottini)'),
    ],
    emergencyDepartments: [],
    samu: [],
  });
}

describe('foldedWords', () => {
  it('drops accents, case and punctuation, and spells out ligatures', () => {
    expect(foldedWords('L’Hôtel-Dieu, Œuvre (Pitié)!')).toEqual(['l', 'hotel', 'dieu', 'oeuvre', 'pitie']);
  });
});

describe('hospitalNames', () => {
  it('gives the short, full and site names, without "Hôpital (de la)" and without a parenthesis too', () => {
    const names = (id: string) =>
      hospitalNames(registry().hospitals.find((h) => h.id === id)!)
        .map((words) => words.join(' '))
        .sort();
    expect(names('pitie-salpetriere')).toEqual(['hopital de la pitie salpetriere', 'pitie salpetriere']);
    expect(names('rene-muret')).toEqual([
      'hopital rene muret',
      'hopital rene muret bigottini',
      'rene muret',
      'rene muret bigottini',
    ]);
    expect(names('lariboisiere')).toContain('fernand widal');
    // The lower-case words before the proper name are a description: "Georges-Pompidou" names HEGP.
    expect(names('hegp')).toEqual([
      'europeen georges pompidou',
      'georges pompidou',
      'hegp',
      'hopital europeen georges pompidou',
    ]);
  });
});

describe('mentionsOf', () => {
  it('finds a hospital by its short name, full name or a site’s name, whatever the accents and case', () => {
    const r = registry();
    expect(mentionsOf('La PITIE salpetriere reprend les admissions', r)).toEqual(['pitie-salpetriere']);
    expect(mentionsOf('Appel de l’hôpital européen Georges Pompidou', r)).toEqual(['hegp']);
    expect(mentionsOf('hegp : DPI revenu', r)).toEqual(['hegp']);
    expect(mentionsOf('Georges-Pompidou passe en niveau 2', r)).toEqual(['hegp']);
    expect(mentionsOf('Fernand-Widal sans téléphonie', r)).toEqual(['lariboisiere']);
    expect(mentionsOf('René-Muret en mode papier', r)).toEqual(['rene-muret']);
    expect(mentionsOf('Transfert vers l’Hôtel-Dieu', r)).toEqual(['hotel-dieu']);
  });

  it('matches whole words only', () => {
    const r = registry();
    expect(mentionsOf('Bichat passe en niveau 2', r)).toEqual(['bichat']);
    expect(mentionsOf('Les Bichats et abichat ne sont pas des hôpitaux', r)).toEqual([]);
    expect(mentionsOf('Cochinchine', r)).toEqual([]);
  });

  it('lets the longest name win where names overlap: "Émile-Roux" does not also name a hospital called Roux', () => {
    const base = registry();
    const r = {
      ...base,
      hospitals: [
        ...base.hospitals,
        hospital('emile-roux', 'Émile-Roux', 'Hôpital Émile-Roux'),
        hospital('roux', 'Roux', 'Hôpital Roux'),
      ],
    };
    expect(mentionsOf('Émile-Roux rétabli', r)).toEqual(['emile-roux']);
    expect(mentionsOf('Roux rétabli, Saint-Louis aussi, pas Louis-Mourier', r)).toEqual([
      'saint-louis',
      'louis-mourier',
      'roux',
    ]);
  });

  it('names each hospital once, in registry order, and none in a text naming none', () => {
    const r = registry();
    expect(mentionsOf('Bichat puis Cochin, puis encore Bichat et Cochin – Port-Royal', r)).toEqual([
      'cochin',
      'bichat',
    ]);
    expect(mentionsOf('Coupure électrique chez l’hébergeur.', r)).toEqual([]);
    expect(mentionsOf('', r)).toEqual([]);
  });
});
