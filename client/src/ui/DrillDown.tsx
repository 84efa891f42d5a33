/** What the drill-down pages share: the back link, and the heading taking focus on arrival. */
import { useEffect, useRef } from 'react';
import { RouteLink } from '../router/RouteLink.tsx';
import './DrillDown.css';

/** A ref for the page's heading, focused when the page opens or its data arrives, so keyboard and screen-reader users start there. */
export function useArrivalFocus(id: string, loaded: boolean) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [id, loaded]);
  return ref;
}

/** The link back to the overview; the page's root carries the `drill-down` class for the shared styles. */
export function BackLink({ label }: { label: string }) {
  return (
    <RouteLink to="/" className="drill-down__back">
      <span aria-hidden="true">← </span>
      {label}
    </RouteLink>
  );
}
