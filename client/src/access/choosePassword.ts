/**
 * After a sign-in with a one-time code the person lands on "Mon compte", asked to choose a password
 * (the code will not work again), then goes on to where they were going (`?suivant=`).
 */
import { accessPaths } from '@vigie/shared';
import { nextPath, withLang } from './navigation.ts';

/** The query parameter that marks "just signed in with a code". */
const CHOOSE = 'choisir-mot-de-passe';

/** Mon compte, asking for a password, then on to the sign-in page's `?suivant=` (checked as ever). */
export function choosePasswordPath(signInSearch: string): string {
  const next = nextPath(signInSearch);
  const lang = new URLSearchParams(signInSearch).get('lang') === 'en' ? 'en' : 'fr';
  return withLang(`${accessPaths.account}?${CHOOSE}&suivant=${encodeURIComponent(next)}`, lang);
}

/** Whether this page was opened right after a sign-in with a code. */
export const justSignedInWithCode = (search: string) => new URLSearchParams(search).has(CHOOSE);
