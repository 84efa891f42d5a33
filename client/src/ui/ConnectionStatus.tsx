/** Connection state and data age, always visible: the wall never shows stale data without saying so. */
import { useNow } from '../hooks/useNow.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { format } from '../i18n/messages.ts';
import { formatDuration } from '../time/parisTime.ts';
import { useT } from '../i18n/useT.ts';
import { selectConnection } from '../store/selectors.ts';

export function ConnectionStatus() {
  const t = useT();
  const { status, confirmedAt } = useStoreSelector(selectConnection);
  const now = useNow();
  return (
    <div className={`connection connection--${status}`} role="status" aria-live="polite">
      <span className="connection__state">
        <span aria-hidden="true">{status === 'connected' ? '●' : status === 'disconnected' ? '✖' : '◌'}</span>{' '}
        {t.connection[status]}
      </span>
      <span className="connection__age" data-testid="data-age">
        {confirmedAt === null ? t.dataNever : format(t.dataAge, { age: formatDuration(now - confirmedAt) })}
      </span>
    </div>
  );
}
