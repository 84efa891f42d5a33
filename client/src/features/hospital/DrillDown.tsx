/** What the drill-down pages share: the back link, and the heading taking focus on arrival. */
import { useEffect, useRef } from 'react';
import { RouteLink } from './RouteLink.tsx';

/** A ref for the page's heading, focused when the page opens or its data arrives, so keyboard and screen-reader users start there. */
export function useArrivalFocus(id: string, loaded: boolean) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [id, loaded]);
  return ref;
}

export function BackLink({ className, label }: { className: string; label: string }) {
  return (
    <RouteLink to="/" className={className}>
      <span aria-hidden="true">← </span>
      {label}
    </RouteLink>
  );
}
