/**
 * A console form disables its fields while its request is sent, which takes the focus away from the
 * control that had it (the browser gives it to the page). Once the fields are enabled again, the focus
 * goes back to that control, or to the one named after the reply, unless the person has moved on.
 */
import { useCallback, useEffect, useRef } from 'react';

const lost = () => document.activeElement === null || document.activeElement === document.body;

export function useFocusAfterSending(sending: boolean) {
  const target = useRef<{ element: HTMLElement; always: boolean } | null>(null);
  const enabled = useRef(!sending);
  useEffect(() => {
    enabled.current = !sending;
    if (sending || !target.current) return;
    const { element, always } = target.current;
    target.current = null;
    if (element.isConnected && (always || lost())) element.focus();
  }, [sending]);
  return {
    /** Before sending: the control that has the focus now gets it back after the reply. */
    keep: useCallback(() => {
      const active = document.activeElement;
      target.current =
        active instanceof HTMLElement && active !== document.body ? { element: active, always: false } : null;
    }, []),
    /** After the reply: this control gets the focus once the fields are enabled again. */
    moveTo: useCallback((element: HTMLElement | null) => {
      if (!element) return;
      if (enabled.current) element.focus();
      else target.current = { element, always: true };
    }, []),
  };
}
