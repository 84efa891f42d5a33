/**
 * The item changes made from this page, newest first, each with "Annuler": a compensating change
 * that puts the previous values back (held by a person or left to automation, as they were),
 * refused as a conflict if someone changed an item since.
 * The history keeps both the change and its undo.
 */
import type { ItemWrite, Registry } from '@vigie/shared';
import { ConfirmButton } from '../../app/ConfirmButton.tsx';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang } from '../../i18n/useT.ts';
import { selectChanges } from '../../store/selectors.ts';
import type { RecentChange } from '../../store/vigieStore.ts';
import { messages } from './messages.ts';
import { OutcomeNotice } from './OutcomeNotice.tsx';
import { useItemWrites } from './useItemWrites.ts';

export function RecentChanges({ registry }: { registry: Registry }) {
  const m = messages[useLang()];
  const changes = useStoreSelector(selectChanges);
  return (
    <section className="console-panel recent-changes" aria-labelledby="recent-changes-title">
      <h2 id="recent-changes-title">{m.recent}</h2>
      {changes.length === 0 ? (
        <p className="console-muted">{m.recentEmpty}</p>
      ) : (
        <ol className="recent-changes__list">
          {changes.map((change) => (
            <ChangeLine key={change.commandId} change={change} registry={registry} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ChangeLine({ change, registry }: { change: RecentChange; registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const { write, outcome } = useItemWrites();
  const undo = () =>
    void write(
      change.items.map(({ item, previous, previousHeld, value, version }) => ({
        item: { ...item, value: previous } as ItemWrite,
        expectedVersion: version,
        previous: value,
        // A value automation had set goes back to automation.
        hold: previousHeld,
      })),
      format(m.undoOf, { label: change.label }),
      change.commandId,
    );
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
          onConfirm={undo}
          disabled={outcome.state === 'sending'}
        />
      )}
      <OutcomeNotice outcome={outcome} registry={registry} />
    </li>
  );
}
