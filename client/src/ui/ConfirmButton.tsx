/**
 * A button whose action is asked again in words before it runs (creating accounts, revoking a screen,
 * a bulk change, a publication, an undo): no browser dialog, and the question gets the focus so it is read aloud.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import './confirm.css';

export function ConfirmButton({
  label,
  question,
  onConfirm,
  disabled = false,
  className,
}: {
  label: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}) {
  const m = useT();
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The question takes the focus; once answered, the focus returns to the button.
  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (asked.current) buttonRef.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" ref={buttonRef} className={className} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <span className="confirm__question" ref={questionRef} tabIndex={-1}>
        {question}
      </span>
      <button
        type="button"
        className="button--danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {m.confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {m.cancel}
      </button>
    </span>
  );
}
