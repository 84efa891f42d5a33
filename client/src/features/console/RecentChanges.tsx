/**
 * The signed-in person's latest item changes in the current incident, newest first, as the server
 * keeps them (so a reload or another device shows the same list): what each changed, from → to, and
 * "Annuler" for those the server says can still be undone. An undo is one compensating change that
 * writes back what the server named; a change someone overwrote since is shown superseded, never undone.
 */
import type { ChangedItem, OwnChange, Registry } from '@vigie/shared';
import { useRef } from 'react';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { itemName, parseItemValue, valueWords } from '../../items/itemWords.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { formatDayTime } from '../../time/parisTime.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { messages } from './messages.ts';
import { OutcomeNotice } from './OutcomeNotice.tsx';
import { useItemWrites } from './useItemWrites.ts';
import { useOwnChanges } from './useOwnChanges.ts';

/** Items named per change; a bulk change says how many more. */
const SHOWN_ITEMS = 3;

export function RecentChanges({ registry }: { registry: Registry }) {
  const m = messages[useLang()];
  const { changes, error } = useOwnChanges();
  const title = useRef<HTMLHeadingElement>(null);
  return (
    <section className="console-panel recent-changes" aria-labelledby="recent-changes-title">
      <h2 id="recent-changes-title" ref={title} tabIndex={-1}>
        {m.recent}
      </h2>
      {changes === null ? (
        <p className="console-muted">{error ? m.recentError : m.recentLoading}</p>
      ) : changes.length === 0 ? (
        <p className="console-muted">{m.recentEmpty}</p>
      ) : (
        <ol className="recent-changes__list">
          {changes.map((change) => (
            <ChangeLine
              key={change.commandId}
              change={change}
              registry={registry}
              onUndone={() => title.current?.focus()}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

/** "Cochin – DPI : Dégradé → Indisponible". */
function itemChange({ item, from, to }: ChangedItem, registry: Registry, lang: Lang): string {
  const words = (value: unknown) => {
    const known = parseItemValue(item.kind, value);
    return known ? valueWords(known, registry, lang) : '—';
  };
  return format(messages[lang].itemChange, { item: itemName(item, registry, lang), from: words(from), to: words(to) });
}

function statusWords(change: OwnChange, lang: Lang): string | null {
  const m = messages[lang];
  switch (change.status) {
    case 'undoable':
      return null;
    case 'undone':
      return m.undone;
    case 'superseded':
      return format(m.superseded, { who: change.by?.name ?? '—' });
    case 'forbidden':
      return m.undoForbidden;
  }
}

function ChangeLine({ change, registry, onUndone }: { change: OwnChange; registry: Registry; onUndone: () => void }) {
  const lang = useLang();
  const m = messages[lang];
  const { write, outcome, sending } = useItemWrites();
  const undo = async () => {
    const writes = change.items.flatMap(({ undo, version }) => (undo ? [{ ...undo, expectedVersion: version }] : []));
    const reply = await write(writes, change.commandId);
    if (reply.ok) onUndone();
  };
  const status = statusWords(change, lang);
  const more = change.items.length - SHOWN_ITEMS;
  return (
    <li className="recent-changes__item" data-status={change.status}>
      <span>
        <time dateTime={change.recordedAt}>{formatDayTime(change.recordedAt, lang)}</time>
        {change.undoes && ` — ${m.undoLine}`} ({format(m.items, { count: String(change.items.length) })})
        {status && <strong> — {status}</strong>}
      </span>
      <ul className="recent-changes__items">
        {change.items.slice(0, SHOWN_ITEMS).map((item) => (
          <li key={`${item.item.kind}/${item.item.id}`}>{itemChange(item, registry, lang)}</li>
        ))}
        {more > 0 && <li>{format(m.moreItems, { count: String(more) })}</li>}
      </ul>
      {change.status === 'undoable' && (
        <ConfirmButton
          label={m.undo}
          question={format(m.undoConfirm, { count: String(change.items.length) })}
          onConfirm={() => void undo()}
          disabled={sending}
        />
      )}
      <OutcomeNotice outcome={outcome} registry={registry} />
    </li>
  );
}
