/** An in-app link: a real `<a href>` (middle-click, copy link, open in a new tab work) that routes in place on a plain click. */
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './router.ts';

export const hospitalPath = (hospitalId: string) => `/hopital/${encodeURIComponent(hospitalId)}`;
export const systemPath = (systemId: string) => `/systeme/${encodeURIComponent(systemId)}`;

export function RouteLink({
  to,
  children,
  ...rest
}: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    // Modified clicks (new tab, new window, download) stay with the browser.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    // The query string carries the language, so a link opened in a new tab keeps it.
    <a href={to + window.location.search} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
