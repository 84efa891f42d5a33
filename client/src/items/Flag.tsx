/** A warning a reader must not miss: something overdue, passed, contradicted or unconfirmed; icon, colour and words. */
import type { ReactNode } from 'react';

export function Flag({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="flag" data-flag={id}>
      <span className="flag__icon" aria-hidden="true">
        ⚠{' '}
      </span>
      {children}
    </p>
  );
}
