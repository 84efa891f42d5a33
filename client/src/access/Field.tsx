/**
 * A labelled text field of the access forms, its hint under the label. The hint is read with the
 * field, before whatever else describes it (an error), so a screen reader hears the rule first.
 */
import type { InputHTMLAttributes } from 'react';

export function Field({
  id,
  label,
  hint,
  hintId = `${id}-hint`,
  describedBy,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: string;
  hintId?: string;
  /** Ids of what else describes the field, when there is any. */
  describedBy?: string;
}) {
  const described = [hint && hintId, describedBy].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      )}
      <input {...input} id={id} aria-describedby={described || undefined} />
    </div>
  );
}
