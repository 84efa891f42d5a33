/**
 * Who wrote, as a sentence reads it: "Claire Martin (console)", "le scénario", "la supervision". A
 * machine is named by what it is, never as "scénario (scénario)"; a person by name and where from.
 */
import type { Actor } from '@vigie/shared';
import type { Lang } from '../store/vigieStore.ts';

const words = {
  fr: {
    person: '{name} (console)',
    screen: '{name} (écran mural)',
    scenario: 'le scénario',
    integration: 'la supervision',
    system: 'le registre',
  },
  en: {
    person: '{name} (console)',
    screen: '{name} (wall screen)',
    scenario: 'the scenario',
    integration: 'monitoring',
    system: 'the registry',
  },
} as const satisfies Record<Lang, Record<Actor['kind'], string>>;

export const actorLabel = (by: Actor, lang: Lang) => words[lang][by.kind].replace('{name}', by.name);
