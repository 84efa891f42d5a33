/**
 * A disclosure showing one tracked item's history on demand: the button says whether it is open
 * (aria-expanded); "Plus" loads older writes; "Actualiser" appears when newer writes arrived.
 */
import { effectiveTime, type ItemKind, type Registry } from '@vigie/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../time/parisTime.ts';
import { useLang } from '../../i18n/useT.ts';
import { ItemValueBadge } from '../../items/ItemValueBadge.tsx';
import { parseItemValue } from '../../items/itemWords.ts';
import { messages } from './messages.ts';
import { useItemHistory } from './useItemHistory.ts';
import './ItemHistory.css';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { selectClock } from '../../store/selectors.ts';
import { actorLabel } from '../../items/actorLabel.ts';
import { enteredAt } from '../../items/enteredAt.ts';

export function ItemHistory({
  kind,
  id,
  label,
  version,
  registry,
}: {
  kind: ItemKind;
  id: string;
  /** The item in words, for the button's accessible name ("historique : Niveau de réponse"). */
  label: string;
  /** The item's current version: newer than the newest write shown means the list is stale. */
  version: number;
  registry: Registry;
}) {
  const lang = useLang();
  const clock = useStoreSelector(selectClock);
  const m = messages[lang];
  const panelId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const [open, setOpen] = useState(false);
  const history = useItemHistory(kind, id);
  const { phase, entries, before, error, load } = history;

  const toggle = () => {
    if (!open) load(); // fresh on every opening
    setOpen(!open);
  };
  // "Plus" disappears once the oldest page is in: keep keyboard focus in the list rather than losing it.
  // The cursor paged from, not a flag: a click can come before the effect of the previous page has run,
  // so only a reply that moved the cursor counts.
  const pagedFrom = useRef<number | null>(null);
  useEffect(() => {
    if (pagedFrom.current === null || phase === 'loading' || before === pagedFrom.current) return;
    pagedFrom.current = null;
    if (phase === 'ready' && before === null) listRef.current?.focus();
  }, [phase, before]);
  const more = () => {
    if (phase === 'loading' || before === null) return;
    pagedFrom.current = before;
    load(before);
  };

  const newest = entries[0]?.seq ?? 0;
  const stale = phase === 'ready' && entries.length > 0 && version > newest;

  return (
    <div className="item-history">
      <button
        type="button"
        className="item-history__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {m.history}
        <span className="visually-hidden"> – {label}</span>
      </button>
      <div id={panelId} className="item-history__panel" hidden={!open}>
        {open && (
          <>
            {stale && (
              <p className="item-history__stale">
                {m.refreshHint}{' '}
                <button type="button" onClick={() => load()}>
                  {m.refresh}
                </button>
              </p>
            )}
            {entries.length > 0 && (
              <ol
                className="item-history__list"
                ref={listRef}
                tabIndex={-1}
                aria-label={format(m.historyOf, { item: label })}
              >
                {entries.map((entry) => {
                  const value = parseItemValue(kind, entry.value);
                  const at = effectiveTime(entry);
                  const entered = enteredAt(entry, clock);
                  return (
                    <li key={entry.seq} className={`item-history__entry item-history__entry--${entry.type.slice(6)}`}>
                      <time dateTime={at}>{formatDayTime(at, lang)}</time>{' '}
                      {entry.type === 'value.released' ? (
                        <span className="item-history__note">{m.released}</span>
                      ) : value ? (
                        <ItemValueBadge value={value} registry={registry} />
                      ) : (
                        <span>{m.unreadableValue}</span>
                      )}{' '}
                      <span className="item-history__by">— {actorLabel(entry.by, lang)}</span>
                      {entry.type === 'value.ignored' && <span className="item-history__note"> · {m.ignored}</span>}
                      {entered && (
                        <span className="item-history__recorded">
                          {' '}
                          · {format(m.recorded, { time: formatDayTime(entered, lang) })}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
            <p className="item-history__status" role="status">
              {phase === 'loading'
                ? m.loading
                : phase === 'error' && error
                  ? format(m.historyError, { reason: m.errors[error] })
                  : phase === 'ready' && entries.length === 0
                    ? m.historyEmpty
                    : phase === 'ready' && before === null
                      ? m.historyEnd
                      : ''}
            </p>
            {phase === 'error' && (
              <button type="button" onClick={() => load(entries.length > 0 && before !== null ? before : undefined)}>
                {m.retry}
              </button>
            )}
            {before !== null && phase !== 'error' && (
              <button type="button" className="item-history__more" aria-disabled={phase === 'loading'} onClick={more}>
                {m.more}
                <span className="visually-hidden"> – {m.moreHint}</span>
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
