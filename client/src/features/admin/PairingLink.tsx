/** A new pairing link: the address to open on the wall screen, its QR code and until when it works. */
import { accessPaths } from '@vigie/shared';
import type { Pairing } from '@vigie/shared/api';
import { useEffect, useRef } from 'react';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { formatFullDate } from '../../time/parisTime.ts';
import { QrCode } from './QrCode.tsx';
import { useAdminMessages } from './useAdminMessages.ts';

export function PairingLink({ pairing, onClose }: { pairing: Pairing; onClose: () => void }) {
  const m = useAdminMessages();
  const lang = useLang();
  const link = `${window.location.origin}${accessPaths.pairing}#${pairing.secret}`;
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), [pairing]);
  return (
    <section className="pairing-link" aria-labelledby="pairing-link-title" data-screen={pairing.screen.id}>
      <div className="pairing-link__text">
        <h3 id="pairing-link-title" ref={title} tabIndex={-1}>
          {format(m.pairingTitle, { name: pairing.screen.name })}
        </h3>
        <p>{m.pairingHowTo}</p>
        <p className="pairing-link__url" data-link>
          {link}
        </p>
        <p>{format(m.pairingExpires, { time: formatFullDate(pairing.expiresAt, lang) })}</p>
        <button type="button" onClick={onClose}>
          {m.closePairing}
        </button>
      </div>
      <QrCode className="pairing-link__qr" text={link} label={format(m.pairingQr, { name: pairing.screen.name })} />
    </section>
  );
}
