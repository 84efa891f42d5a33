/** A titled panel, with where its data comes from in its footer. */
import type { ReactNode } from 'react';

export function Panel({
  id,
  title,
  footer,
  children,
}: {
  id: string;
  title: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={`panel panel--${id}`} aria-labelledby={`panel-${id}`} data-panel={id}>
      <h2 id={`panel-${id}`} className="panel__title">
        {title}
      </h2>
      <div className="panel__body">{children}</div>
      {footer && <footer className="panel__footer">{footer}</footer>}
    </section>
  );
}
