/** What went wrong with a form or an action, said at once (`role="alert"`); nothing while all is well. */
import type { ReactNode } from 'react';

export function FormError({ id, children }: { id?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="form-error" role="alert" id={id}>
      {children}
    </p>
  );
}
