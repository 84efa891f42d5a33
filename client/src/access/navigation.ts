/** Addresses of the access pages, and the one-time secrets they read from the URL fragment. */
import { accessPaths } from '@vigie/shared';
import type { Lang } from '../store/vigieStore.ts';

/** `path` in the given language (French, the default, needs no parameter). */
export function withLang(path: string, lang: Lang): string {
  if (lang === 'fr') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** The sign-in page, coming back to `next` (a path of this site) afterwards. */
export const signInHref = (next: string, lang: Lang) =>
  withLang(`${accessPaths.signIn}?suivant=${encodeURIComponent(next)}`, lang);

/**
 * Where to go once signed in: `?suivant=` when it is a path of this site (never another origin,
 * never back to the sign-in page), the overview otherwise. The language of this page is kept.
 */
export function nextPath(search: string, origin: string = window.location.origin): string {
  const params = new URLSearchParams(search);
  const wanted = params.get('suivant') ?? '';
  const lang: Lang = params.get('lang') === 'en' ? 'en' : 'fr';
  // "//host" and "/\host" are other origins to a browser.
  if (!/^\/(?![/\\])/.test(wanted)) return withLang('/', lang);
  const url = new URL(wanted, origin);
  if (url.origin !== origin || url.pathname === accessPaths.signIn) return withLang('/', lang);
  const path = url.pathname + url.search;
  return url.searchParams.has('lang') ? path : withLang(path, lang);
}

/**
 * Reads the URL fragment and removes it from the address bar and this history entry at once, so a
 * one-time secret is never left where the back button, a bookmark or a screenshot would find it.
 */
export function takeFragment(): string {
  const fragment = window.location.hash.slice(1);
  if (fragment)
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return fragment;
}
