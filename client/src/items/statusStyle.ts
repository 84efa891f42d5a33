/**
 * How every status shows: a tone (its colour) and an icon, always beside its words, so each
 * status reads in greyscale too. Icons are distinct within each scale.
 */
import type { ItemKind, ItemValue } from '@vigie/shared';

export type Tone = 'ok' | 'watch' | 'degraded' | 'down' | 'unknown' | 'neutral';

type Style = readonly [tone: Tone, icon: string];
type StatusId<K extends ItemKind> = K extends 'emergency' ? ItemValue<'emergency'>['status'] : ItemValue<K> & string;

export const statusStyles: { [K in ItemKind]: Record<StatusId<K>, Style> } = {
  'response-level': { 'gestion-courante': ['ok', '○'], 'niveau-1': ['watch', '◆'], 'niveau-2': ['down', '■'] },
  'operating-mode': {
    normal: ['ok', '●'],
    'ralenti-maitrise': ['watch', '◐'],
    'procedures-degradees': ['degraded', '▲'],
    critique: ['down', '✖'],
    inconnu: ['unknown', '?'],
  },
  emergency: {
    'ouvertes-normal': ['ok', '●'],
    'ouvertes-ralenti': ['watch', '◐'],
    'acces-regule': ['watch', '☎'],
    delestage: ['degraded', '➜'],
    fermees: ['down', '✖'],
    inconnu: ['unknown', '?'],
  },
  system: {
    operationnel: ['ok', '●'],
    degrade: ['degraded', '▲'],
    indisponible: ['down', '✖'],
    isole: ['degraded', '⊘'],
    'en-cours-de-retablissement': ['watch', '↻'],
    'retabli-sous-surveillance': ['ok', '◉'],
    inconnu: ['unknown', '?'],
  },
  samu: {
    operationnel: ['ok', '●'],
    degrade: ['degraded', '▲'],
    indisponible: ['down', '✖'],
    inconnu: ['unknown', '?'],
  },
  stage: { 'a-venir': ['neutral', '○'], 'en-cours': ['watch', '↻'], validee: ['ok', '✔'] },
};

export function styleOf<K extends ItemKind>(kind: K, status: StatusId<K>): Style {
  return (statusStyles[kind] as Record<string, Style>)[status] ?? ['unknown', '?'];
}
