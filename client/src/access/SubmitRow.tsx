/** The row that ends a form: its submit button, held while the request runs, then any other action. */
import type { ReactNode } from 'react';

export function SubmitRow({ label, busy, children }: { label: string; busy: boolean; children?: ReactNode }) {
  return (
    <div className="form__actions">
      <button type="submit" className="button--primary" disabled={busy}>
        {label}
      </button>
      {children}
    </div>
  );
}
