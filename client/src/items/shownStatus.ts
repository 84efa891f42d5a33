/**
 * The status a screen shows for a tracked value. A registry default is nobody's word, so it reads
 * "non renseigné" in the unknown tone and shape, never as a confirmation; recovery stages are the
 * exception: "à venir" is what nobody having started one means.
 */
import { isInformed, statusLabel, type EmergencyValue, type ItemKind, type Tracked } from '@vigie/shared';
import type { Lang } from '../store/vigieStore.ts';

export const NOT_INFORMED = 'non-renseigne';
export type NotInformed = typeof NOT_INFORMED;

export function shownStatus(kind: ItemKind, tracked: Tracked<unknown> | undefined): string {
  if (!tracked) return NOT_INFORMED;
  const status = kind === 'emergency' ? (tracked.value as EmergencyValue).status : (tracked.value as string);
  return kind === 'stage' || isInformed(tracked) ? status : NOT_INFORMED;
}

const notInformedWords = { fr: 'Non renseigné', en: 'Not reported' } as const;

/** A shown status in words. */
export const shownLabel = (kind: ItemKind, status: string, lang: Lang) =>
  status === NOT_INFORMED ? notInformedWords[lang] : statusLabel(kind, status, lang);
