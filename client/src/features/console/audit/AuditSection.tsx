/**
 * The console's audit view (lead and admins): who did what, when and from where, newest first, read only.
 * The author filter asks the server (and starts paging again); the kind and text filters sift the loaded
 * lines; "Plus" loads older ones. A refusal is said in words, never as a blank table.
 */
import { actorKinds, type Registry } from '@vigie/shared';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSituation } from '../../../hooks/useSituation.ts';
import { format } from '../../../i18n/messages.ts';
import { useLang } from '../../../i18n/useT.ts';
import { AuditTable } from './AuditTable.tsx';
import { auditKinds, type AuditKind } from './auditKinds.ts';
import { filterAuditLines, presentAuditLines } from './auditWords.ts';
import { messages } from './messages.ts';
import { useAuditTrail } from './useAuditTrail.ts';
import './audit.css';

export function AuditSection() {
  const view = useSituation();
  const m = messages[useLang()];
  return view ? <AuditTrail registry={view.registry} /> : <p>{m.loading}</p>;
}

const isAuditKind = (value: string): value is AuditKind => (auditKinds as readonly string[]).includes(value);

function AuditTrail({ registry }: { registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const ids = { actor: useId(), kind: useId(), text: useId() };
  const [actorId, setActorId] = useState<string | null>(null);
  const [kind, setKind] = useState<AuditKind | null>(null);
  const [text, setText] = useState('');
  const { phase, entries, before, error, actors, last, load } = useAuditTrail();

  // The newest page on opening and whenever the author filter changes: paging starts again.
  useEffect(() => load(actorId), [load, actorId]);

  const lines = useMemo(() => presentAuditLines(entries, registry, lang), [entries, registry, lang]);
  // Typing stays responsive over many loaded pages: the table follows the words a moment later.
  const words = useDeferredValue(text);
  const shown = useMemo(() => filterAuditLines(lines, { kind, text: words }), [lines, kind, words]);
  const actorChoices = useMemo(
    () =>
      [...actors.entries()]
        .map(([key, actor]) => ({
          key,
          label: format(m.actorOption, { name: actor.name, source: actorKinds.label(actor.kind, lang) }),
        }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    [actors, m, lang],
  );

  // "Plus" disappears once the oldest page is in: keep keyboard focus in the table rather than losing it.
  // The cursor paged from, not a flag: a click can come before the effect of the previous page has run,
  // so only a reply that moved the cursor counts.
  const boxRef = useRef<HTMLDivElement>(null);
  const pagedFrom = useRef<number | null>(null);
  useEffect(() => {
    if (pagedFrom.current === null || phase === 'loading' || before === pagedFrom.current) return;
    pagedFrom.current = null;
    if (phase === 'ready' && before === null) boxRef.current?.focus();
  }, [phase, before]);
  const more = () => {
    if (phase === 'loading' || before === null) return;
    pagedFrom.current = before;
    load(actorId, before);
  };

  const status =
    phase === 'loading'
      ? m.loading
      : phase !== 'ready'
        ? ''
        : entries.length === 0
          ? actorId === null
            ? m.empty
            : m.emptyActor
          : shown.length === 0
            ? format(m.noMatch, { loaded: String(entries.length) })
            : before === null
              ? m.end
              : '';

  return (
    <div className="audit">
      <p className="console-muted">{m.intro}</p>
      <form className="audit__filters" aria-label={m.filters} role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="audit__field">
          <label htmlFor={ids.actor}>{m.actor}</label>
          <select id={ids.actor} value={actorId ?? ''} onChange={(e) => setActorId(e.target.value || null)}>
            <option value="">{m.allActors}</option>
            {actorChoices.map(({ key, label }) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="audit__field">
          <label htmlFor={ids.kind}>{m.kind}</label>
          <select
            id={ids.kind}
            value={kind ?? ''}
            onChange={(e) => setKind(isAuditKind(e.target.value) ? e.target.value : null)}
          >
            <option value="">{m.allKinds}</option>
            {auditKinds.map((k) => (
              <option key={k} value={k}>
                {m.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="audit__field audit__field--text">
          <label htmlFor={ids.text}>{m.text}</label>
          <input id={ids.text} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="button" className="audit__refresh" onClick={() => load(actorId)}>
          {m.refresh}
          <span className="visually-hidden"> – {m.refreshHint}</span>
        </button>
      </form>

      {phase === 'error' && error && (
        <div className="console-outcome console-outcome--failed audit__error">
          <p role="alert">{format(m.error, { reason: m.errors[error] })}</p>
          {error !== 'forbidden' && error !== 'unauthorized' && (
            <button type="button" onClick={() => load(last.actorId, last.before)}>
              {m.retry}
            </button>
          )}
        </div>
      )}

      {entries.length > 0 && <AuditTable boxRef={boxRef} lines={shown} loaded={entries.length} />}

      <div className="audit__footer">
        <p className="audit__status" role="status">
          {status}
        </p>
        {before !== null && phase !== 'error' && (
          <button type="button" className="audit__more" aria-disabled={phase === 'loading'} onClick={more}>
            {m.more}
            <span className="visually-hidden"> – {m.moreHint}</span>
          </button>
        )}
      </div>
    </div>
  );
}
