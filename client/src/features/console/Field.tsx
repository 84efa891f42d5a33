/**
 * One labelled form control of the console's incident, log and statement forms: a visible label, an
 * optional hint, the value it has now (when the form shows another), and an error said in words.
 */
import { useId, type ReactNode } from 'react';
import './field.css';

/** What the control inside a field carries: its id (the label's target) and its descriptions. */
export interface FieldControl {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export function Field({
  label,
  hint,
  current,
  error,
  children,
}: {
  label: string;
  hint?: string;
  current?: ReactNode;
  error?: string | null;
  children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter((x) => x !== null).join(' ');
  return (
    <div className="console-form-field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="console-form-field__hint">
          {hint}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {current && <p className="console-form-field__current">{current}</p>}
      {error && (
        <p id={errorId} className="console-form-field__error">
          {error}
        </p>
      )}
    </div>
  );
}
