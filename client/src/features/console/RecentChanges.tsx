/**
 * The item changes made from this page in the current log, newest first, each with "Annuler": a
 * compensating change that puts the previous values back (held by a person or left to automation,
 * as they were), refused as a conflict if someone changed an item since. The history keeps both.
 */
import type { ItemWrite, JournalLine, Registry } from '@vigie/shared';
import { useRef } from 'react';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { useSituation } from '../../hooks/useSituation.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../time/parisTime.ts';
import { useLang } from '../../i18n/useT.ts';
import { selectChanges } from '../../store/selectors.ts';
import type { RecentChange } from '../../store/vigieStore.ts';
import { messages } from './messages.ts';
import { OutcomeNotice } from './OutcomeNotice.tsx';
import { useItemWrites, type ItemChange } from './useItemWrites.ts';

export function RecentChanges({ registry }: { registry: Registry }) {
  const m = messages[useLang()];
  const logId = useSituation()?.state.logId;
  const changes = useStoreSelector(selectChanges).filter((c) => c.logId === logId);
  const title = useRef<HTMLHeadingElement>(null);
  return (
    <section className="console-panel recent-changes" aria-labelledby="recent-changes-title">
      <h2 id="recent-changes-title" ref={title} tabIndex={-1}>
        {m.recent}
      </h2>
      {changes.length === 0 ? (
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

/**
 * What an undo writes back: each item's previous value, against the version the change gave it. A
 * value automation had set goes back to automation, with the latest reading it sent meanwhile (a
 * machine's writes to a held value are kept in the journal as ignored).
 */
export function undoChanges(change: RecentChange, journal: readonly JournalLine[]): ItemChange[] {
  return change.items.map(({ item, previous, previousHeld, value, version }) => {
    const ignored = previousHeld
      ? undefined
      : journal.findLast(
          (line) =>
            line.outcome === 'ignored' &&
            line.seq > version &&
            line.item.kind === item.kind &&
            line.item.id === item.id,
        );
    return {
      item: { ...item, value: ignored ? ignored.value : previous } as ItemWrite,
      expectedVersion: version,
      previous: value,
      hold: previousHeld,
    };
  });
}

function ChangeLine({
  change,
  registry,
  onUndone,
}: {
  change: RecentChange;
  registry: Registry;
  onUndone: () => void;
}) {
  const lang = useLang();
  const m = messages[lang];
  const view = useSituation();
  const { write, outcome, sending } = useItemWrites();
  const undo = async () => {
    const reply = await write(
      undoChanges(change, view?.state.journal ?? []),
      format(m.undoOf, { label: change.label }),
      change.commandId,
    );
    if (reply.ok) onUndone();
  };
  return (
    <li className="recent-changes__item" data-undone={change.undoneBy !== null}>
      <span>
        <time dateTime={change.at}>{formatDayTime(change.at, lang)}</time> — {change.label} (
        {format(m.items, { count: String(change.items.length) })}){change.undoneBy && <strong> — {m.undone}</strong>}
      </span>
      {change.undoneBy === null && change.items.length > 0 && (
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
