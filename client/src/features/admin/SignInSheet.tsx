/**
 * The printable sign-in sheet: one card per person, never split across pages. "Imprimer la
 * feuille" prints this section alone (features/log/printSection.ts with app/print.css).
 */
import type { SheetEntry } from '@vigie/shared/api';
import { useEffect, useRef } from 'react';
import type { PlaceNames } from '../../access/words.ts';
import { useNow } from '../../hooks/useNow.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { formatFullDate } from '../../time/parisTime.ts';
import { printSection } from '../../ui/printSection.ts';
import { SheetCard } from './SheetCard.tsx';
import { useAdminMessages } from './useAdminMessages.ts';
import './sheet.css';

export function SignInSheet({
  entries,
  places,
  onClose,
}: {
  entries: SheetEntry[];
  places: PlaceNames | null;
  onClose: () => void;
}) {
  const m = useAdminMessages();
  const lang = useLang();
  const now = useNow(60_000);
  const title = useRef<HTMLHeadingElement>(null);
  // The sheet appears after a request: bring it to the eye and to the keyboard.
  useEffect(() => {
    title.current?.focus();
    title.current?.scrollIntoView?.({ block: 'start' });
  }, [entries]);
  return (
    <section className="signin-sheet" aria-labelledby="signin-sheet-title" data-entries={entries.length}>
      <h2 id="signin-sheet-title" ref={title} tabIndex={-1}>
        {m.sheetTitle}
      </h2>
      <p className="signin-sheet__intro">{m.sheetIntro}</p>
      <p className="signin-sheet__printed">{format(m.sheetPrintedAt, { time: formatFullDate(new Date(now), lang) })}</p>
      <div className="form__actions">
        <button type="button" className="button--primary" onClick={() => printSection('signin-sheet')}>
          {m.print}
        </button>
        <button type="button" onClick={onClose}>
          {m.closeSheet}
        </button>
      </div>
      <div className="signin-sheet__cards">
        {entries.map((entry) => (
          <SheetCard key={`${entry.accountId}-${entry.code}`} entry={entry} places={places} />
        ))}
      </div>
    </section>
  );
}
