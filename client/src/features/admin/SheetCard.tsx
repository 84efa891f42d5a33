/** One person's card on the sign-in sheet: who, with what rights, the login, the one-time code and its QR link. */
import { accessPaths } from '@vigie/shared';
import type { SheetEntry } from '@vigie/shared/api';
import type { PlaceNames } from '../../access/words.ts';
import { rolesInWords, scopeInWords } from '../../access/words.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { formatFullDate } from '../../time/parisTime.ts';
import { QrCode } from './QrCode.tsx';
import { useAdminMessages } from './useAdminMessages.ts';

/** "ABCDEFGHJKMN" → "ABCD-EFGH-JKMN", as people read and type it. */
const grouped = (code: string) => (/^[0-9A-Z]{12}$/.test(code) ? code.replace(/(.{4})(?=.)/g, '$1-') : code);

export function SheetCard({ entry, places }: { entry: SheetEntry; places: PlaceNames | null }) {
  const m = useAdminMessages();
  const lang = useLang();
  const signInUrl = `${window.location.origin}${accessPaths.signIn}`;
  return (
    <article className="sheet-card" data-account={entry.accountId}>
      <div className="sheet-card__text">
        <h3 className="sheet-card__name">{entry.name}</h3>
        <p>
          {rolesInWords(entry.roles, lang)} — {scopeInWords(entry.scope, places, lang)}
        </p>
        <dl className="sheet-card__facts">
          <dt>{m.cardLogin}</dt>
          <dd className="sheet-card__login">{entry.login}</dd>
          <dt>{m.cardCode}</dt>
          <dd className="sheet-card__code" data-code>
            {grouped(entry.code)}
          </dd>
        </dl>
        <p className="sheet-card__expires">{format(m.cardExpires, { time: formatFullDate(entry.expiresAt, lang) })}</p>
        <p className="sheet-card__howto">{format(m.cardHowTo, { url: signInUrl })}</p>
      </div>
      <QrCode
        className="sheet-card__qr"
        text={`${signInUrl}#code=${entry.code}`}
        label={format(m.cardQr, { name: entry.name })}
      />
    </article>
  );
}
