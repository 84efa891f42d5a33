/** Roles and scopes in words, with the registry's names when the copy holds it (ids otherwise). */
import { roles, type Registry, type Role, type Scope } from '@vigie/shared';
import type { Lang } from '../store/vigieStore.ts';
import { messages } from './messages.ts';

export type PlaceNames = Pick<Registry, 'hospitals' | 'ghus'>;

/** "Commandement, Administration" */
export const rolesInWords = (list: readonly Role[], lang: Lang) =>
  list.length ? list.map((r) => roles.label(r, lang)).join(', ') : messages[lang].noRole;

/** "tout le groupe", or the GHU then the hospitals it names: "AP-HP. Centre ; Hôpital Bichat". */
export function scopeInWords(scope: Scope, places: PlaceNames | null, lang: Lang): string {
  if (scope === null) return messages[lang].wholeGroup;
  const ghu = (id: string) => places?.ghus.find((g) => g.id === id)?.label ?? id;
  const hospital = (id: string) => places?.hospitals.find((h) => h.id === id)?.name ?? id;
  // French: a space before ";" that does not break, so no line starts with it.
  return [...scope.ghus.map(ghu), ...scope.hospitals.map(hospital)].join(lang === 'fr' ? '\u00a0; ' : '; ');
}
