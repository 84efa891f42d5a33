/** A link to another page, on a line of its own, as large as a touch target. */
import type { ReactNode } from 'react';

export function PageLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <a className="access-page__back" href={href}>
        {children}
      </a>
    </p>
  );
}
