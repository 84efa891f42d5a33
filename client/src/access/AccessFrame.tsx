/** The frame of the access pages (sign-in, account, administration): the demo band, a way home and the page title. */
import type { ReactNode } from 'react';
import { useLang } from '../i18n/useT.ts';
import { AccessDemoBanner } from './AccessDemoBanner.tsx';
import { withLang } from './navigation.ts';
import './access.css';

export function AccessFrame({
  title,
  page,
  wide = false,
  children,
}: {
  title: string;
  /** Which page, for styles and tests. */
  page: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const lang = useLang();
  return (
    <div className={`access-page access-page--${page}${wide ? ' access-page--wide' : ''}`} data-page={page}>
      <AccessDemoBanner />
      <header className="access-page__header">
        <a className="access-page__home" href={withLang('/', lang)}>
          Vigie
        </a>
      </header>
      <main className="access-page__main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
