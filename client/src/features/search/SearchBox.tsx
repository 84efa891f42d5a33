/**
 * The overview's search box (ARIA combobox with a list): the hospitals, SAMU and systems whose names
 * match what is typed; the arrows choose, Enter or a click opens the page (the first result when none
 * is chosen), Escape closes the list then clears the box.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { navigate } from '../../router/router.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import type { VigieState } from '../../store/vigieStore.ts';
import { messages } from './messages.ts';
import { searchRegistry, type SearchResult } from './searchRegistry.ts';
import './SearchBox.css';

/** Results listed at most: beyond, the list says how many more and asks for a narrower search. */
export const MAX_SHOWN = 8;

// The registry only: a patch of the situation does not re-render the box.
const selectRegistry = (s: VigieState) => (s.sync.kind === 'situation' ? s.sync.registry : null);

export function SearchBox() {
  const lang = useLang();
  const m = messages[lang];
  const registry = useStoreSelector(selectRegistry);
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const results = useMemo(() => (registry ? searchRegistry(query, registry, lang) : []), [registry, query, lang]);
  const shown = results.slice(0, MAX_SHOWN);
  const typed = query.trim() !== '' && registry !== null;
  const expanded = open && shown.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (result: SearchResult) => {
    close();
    setQuery('');
    navigate(result.path);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = shown.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (n === 0) return;
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setOpen(true);
        setActive(!expanded || active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
        return;
      }
      case 'Enter': {
        const chosen = expanded ? (shown[active] ?? shown[0]) : undefined;
        if (!chosen) return;
        e.preventDefault();
        go(chosen);
        return;
      }
      case 'Escape':
        if (!expanded && query === '') return;
        e.preventDefault();
        if (expanded) close();
        else setQuery('');
        return;
    }
  };

  const status = !typed
    ? ''
    : results.length === 0
      ? m.none
      : results.length === 1
        ? m.one
        : format(m.count, { count: String(results.length) });

  return (
    <div className="search" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {m.label}
      </label>
      <input
        id={`${id}-input`}
        className="search__input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={m.placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <div className="search__popup" hidden={!open || !typed}>
        <ul id={`${id}-list`} className="search__list" role="listbox" aria-label={m.results}>
          {expanded &&
            shown.map((result, i) => (
              <li
                key={`${result.kind}:${result.id}`}
                id={optionId(i)}
                className="search__option"
                role="option"
                aria-selected={i === active}
                data-result={`${result.kind}:${result.id}`}
                // Keep the focus in the box, so the click lands and the list stays a combobox's.
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => setActive(i)}
                onClick={() => go(result)}
              >
                <span className="search__label">{result.label}</span>{' '}
                <span className="search__kind">{m.kinds[result.kind]}</span>
                <span className="search__detail">
                  {result.kind === 'samu' ? format(m.samuHost, { host: result.detail }) : result.detail}
                  {result.matched && ` · ${format(m.matched, { name: result.matched })}`}
                </span>
              </li>
            ))}
        </ul>
        {typed && results.length === 0 && <p className="search__note">{m.none}</p>}
        {results.length > MAX_SHOWN && (
          <p className="search__note">{format(m.more, { count: String(results.length - MAX_SHOWN) })}</p>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {open ? status : ''}
      </p>
    </div>
  );
}
