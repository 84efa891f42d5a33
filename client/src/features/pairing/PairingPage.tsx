/**
 * Pairs a wall screen (/appairage#<secret>): the secret leaves the address bar and the history at
 * once, is sent to the server, and the screen opens the wall with its new session cookie (a full
 * load, so the socket connects as this screen). Failures are said in large type, for a TV.
 */
import { PairScreenSchema } from '@vigie/shared/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi, type ApiFailure } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { AccessDemoBanner } from '../../access/AccessDemoBanner.tsx';
import { takeFragment, withLang } from '../../access/navigation.ts';
import { useLang } from '../../i18n/useT.ts';
import { messages } from './messages.ts';
import './pairing.css';

type Status = { kind: 'pairing' } | { kind: 'paired' } | { kind: 'incomplete' } | { kind: 'failed'; why: ApiFailure };

export function PairingPage() {
  const lang = useLang();
  const m = messages[lang];
  const [status, setStatus] = useState<Status>({ kind: 'pairing' });
  // Kept in memory only, for "Réessayer" after a network failure.
  const secret = useRef('');
  const started = useRef(false);

  const pair = useCallback(async () => {
    if (!PairScreenSchema.safeParse({ secret: secret.current }).success) {
      return setStatus({ kind: 'incomplete' });
    }
    setStatus({ kind: 'pairing' });
    const result = await callApi('screen:pair', { body: { secret: secret.current } });
    if (!result.ok) return setStatus({ kind: 'failed', why: result });
    setStatus({ kind: 'paired' });
    window.location.replace(withLang('/mur', lang));
  }, [lang]);

  useEffect(() => {
    // Once per page load (the ref also holds through React's development double effects).
    if (started.current) return;
    started.current = true;
    secret.current = takeFragment();
    void pair();
  }, [pair]);

  const failed = status.kind === 'failed' || status.kind === 'incomplete';
  const canRetry = status.kind === 'failed' && ['internal', 'rate_limited'].includes(status.why.error.code);
  return (
    <div className="pairing-page">
      <AccessDemoBanner />
      <main className="pairing" data-page="pairing" data-status={status.kind}>
        <h1 className="pairing__title">{m.title}</h1>
        {failed ? (
          <div role="alert">
            <p className="pairing__message pairing__message--failed">
              {status.kind === 'incomplete'
                ? m.incomplete
                : failureText(status.why, lang, { unauthorized: m.expired, invalid_payload: m.incomplete })}
            </p>
            {!canRetry && <p className="pairing__message">{m.askNew}</p>}
          </div>
        ) : (
          <p className="pairing__message" role="status">
            {status.kind === 'paired' ? m.paired : m.pairing}
          </p>
        )}
        {canRetry && (
          <button type="button" className="pairing__retry" onClick={() => void pair()}>
            {m.retry}
          </button>
        )}
      </main>
    </div>
  );
}
