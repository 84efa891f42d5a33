/** The sign-in page, coming back here afterwards. */
import { signInHref } from '../access/navigation.ts';
import { usePath } from '../router/router.ts';
import { useLang } from '../i18n/useT.ts';

export function useSignInHref(): string {
  const path = usePath();
  return signInHref(path, useLang());
}
