/**
 * One tracked item in the console: its name, value (badge) and provenance and, for a person who may
 * write it, a form to change it. Editing remembers the version and value seen when it started: the
 * write goes against that version (a change made meanwhile is said at once, and refused by the server).
 * While a write or a release is in flight the fields are disabled and the buttons do nothing, so a reply
 * never lands on a choice made after it was sent.
 */
import {
  emergencyTargetProblem,
  MAX_SHORT_TEXT,
  own,
  statusLabel,
  type ItemRef,
  type Registry,
  type Tracked,
} from '@vigie/shared';
import { useId, useRef, type ReactNode } from 'react';
import { useEditedValue } from '../../../hooks/useEditedValue.ts';
import { useStoreSelector } from '../../../hooks/useStoreSelector.ts';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime } from '../../../time/parisTime.ts';
import { useLang } from '../../../i18n/useT.ts';
import { selectRegistry } from '../../../store/selectors.ts';
import type { Lang, VigieState } from '../../../store/vigieStore.ts';
import { ItemProvenance } from '../../../items/ItemProvenance.tsx';
import { ItemValueBadge } from '../../../items/ItemValueBadge.tsx';
import { itemName, parseItemValue, valueWords, type KnownValue } from '../../../items/itemWords.ts';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { useItemWrites } from '../useItemWrites.ts';
import { draftOf, statusChoices, withStatus, writeOf, type Draft } from './itemDraft.ts';
import { messages } from './messages.ts';
import './ItemControl.css';
import { actorLabel } from '../../../items/actorLabel.ts';

const trackedOf = (s: VigieState, item: ItemRef): Tracked<unknown> | undefined =>
  s.sync.kind === 'situation' ? own<Tracked<unknown>>(s.sync.state.items[item.kind], item.id) : undefined;

export function ItemControl({
  item,
  name,
  editable,
  details,
  unavailable = [],
  consequence,
}: {
  item: ItemRef;
  /** The name shown (defaults to the item's full name, "Un – DPI"). */
  name?: string;
  /** Whether the person may write it (else value and provenance only). */
  editable: boolean;
  /** Lines under the value (plan blanc state, host site, why a status cannot be chosen yet). */
  details?: ReactNode;
  /** Statuses that cannot be chosen now (a recovery stage before the earlier ones are validated). */
  unavailable?: readonly string[];
  /** What saving would also mean, in words ("déclenche le plan blanc"), from the status seen to the one chosen. */
  consequence?: (from: string, to: string) => string | null;
}) {
  const lang = useLang();
  const m = messages[lang];
  const registry = useStoreSelector(selectRegistry);
  const tracked = useStoreSelector((s) => trackedOf(s, item));
  const writes = useItemWrites();
  const release = useCommand();
  const edited = useEditedValue<unknown, Draft>({
    value: tracked?.value,
    version: tracked?.version ?? 0,
    draftOf: (value) => draftOf(parseItemValue(item.kind, value)),
    provenance: tracked && { by: tracked.by, at: tracked.recordedAt },
  });
  const statusRef = useRef<HTMLSelectElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const fieldsRef = useRef<HTMLFieldSetElement>(null);
  const ids = useId();
  if (!tracked || !registry) return null;

  const fullName = itemName(item, registry, lang);
  const live = parseItemValue(item.kind, tracked.value);
  const base = parseItemValue(item.kind, edited.base);
  const shown = edited.draft;
  const next = edited.changed ? writeOf(item, shown, base) : null;
  const meanwhile = edited.meanwhile;
  const drifted = meanwhile !== null;
  const sending = writes.outcome.state === 'sending' || release.sending;
  const effect = next && base && consequence ? consequence(draftOf(base).status, shown.status) : null;

  const change = (draft: Draft) => {
    if (!edited.editing || edited.held) {
      // A new edit starts from the value on screen (the one just saved, if the copy has not shown it
      // yet): an earlier outcome no longer applies.
      writes.reset();
      release.reset();
    }
    edited.edit(draft);
  };
  const startAgain = () => {
    if (sending) return;
    edited.cancel();
    writes.reset();
    statusRef.current?.focus();
  };
  const save = async () => {
    if (!next || sending) return;
    release.reset();
    // The fields are disabled while the write is in flight: a field that had the focus (Enter in the
    // note) hands it to the save button, which stays focusable and says the form is busy.
    if (fieldsRef.current?.contains(document.activeElement)) saveRef.current?.focus();
    const sent = edited.mark();
    const reply = await writes.write([{ item: next, expectedVersion: edited.version }]);
    if (reply.ok) {
      const written = reply.data.written?.find((w) => w.kind === item.kind && w.id === item.id)?.version;
      // Only the edit that was sent is marked saved: one changed or discarded since is left as it is.
      edited.saved(sent, written === undefined ? undefined : { version: written, value: next.value });
    }
  };
  const handBack = () => {
    if (sending) return;
    writes.reset();
    void release.send('item:release', { item: { kind: item.kind, id: item.id }, expectedVersion: tracked.version });
  };

  return (
    <div className="item-control" data-item={`${item.kind}/${item.id}`}>
      <div className="item-control__head">
        <span className="item-control__name">{name ?? fullName}</span>{' '}
        {live ? <ItemValueBadge value={live} registry={registry} /> : <span>—</span>}
      </div>
      {live?.kind === 'emergency' && <EmergencyDetails value={live} lang={lang} />}
      {details}
      <p className="item-control__provenance">
        <ItemProvenance tracked={tracked} />
      </p>
      {editable && (
        <form
          className="item-control__form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <fieldset className="item-control__fields" ref={fieldsRef} disabled={sending}>
            <div className="item-control__field">
              <label htmlFor={`${ids}-status`}>
                {m.newValue}
                <span className="visually-hidden"> – {fullName}</span>
              </label>
              <select
                id={`${ids}-status`}
                ref={statusRef}
                value={shown.status}
                onChange={(event) => change(withStatus(shown, event.target.value))}
              >
                {shown.status === '' && <option value="">—</option>}
                {statusChoices[item.kind].map((status) => (
                  <option
                    key={status}
                    value={status}
                    disabled={unavailable.includes(status) && status !== draftOf(base).status}
                  >
                    {statusLabel(item.kind, status, lang)}
                  </option>
                ))}
              </select>
            </div>
            {item.kind === 'emergency' && (
              <EmergencyFields
                departmentId={item.id}
                draft={shown}
                onChange={change}
                registry={registry}
                fullName={fullName}
                ids={ids}
              />
            )}
          </fieldset>
          <div className="item-control__actions">
            <button type="submit" ref={saveRef} aria-disabled={!next || sending}>
              {m.save}
              <span className="visually-hidden"> – {fullName}</span>
            </button>
            {edited.changed && !drifted && (
              <button type="button" onClick={startAgain} aria-disabled={sending}>
                {m.discard}
              </button>
            )}
            {!edited.editing && tracked.heldBy && (
              <button type="button" onClick={handBack} aria-disabled={sending}>
                {m.release}
                <span className="visually-hidden"> – {fullName}</span>
              </button>
            )}
          </div>
          {item.kind === 'emergency' && shown.status === 'delestage' && shown.targetSiteId === '' && (
            <p className="item-control__hint">{m.targetNeeded}</p>
          )}
          {effect && <p className="item-control__effect">{effect}</p>}
        </form>
      )}
      {meanwhile?.by && (
        <div className="item-control__drift" role="alert">
          <p>
            {format(m.changedMeanwhile, {
              who: actorLabel(meanwhile.by, lang),
              time: formatDayTime(meanwhile.at, lang),
              value: live ? valueWords(live, registry, lang) : '—',
            })}
          </p>
          <button type="button" onClick={startAgain} aria-disabled={sending}>
            {m.startAgain}
            <span className="visually-hidden"> – {fullName}</span>
          </button>
        </div>
      )}
      <OutcomeNotice outcome={writes.outcome} registry={registry} />
      <OutcomeNotice outcome={release.outcome} registry={registry} />
    </div>
  );
}

function EmergencyDetails({ value, lang }: { value: Extract<KnownValue, { kind: 'emergency' }>; lang: Lang }) {
  const m = messages[lang];
  const { nextReviewAt, note } = value.value;
  if (!nextReviewAt && !note) return null;
  return (
    <p className="item-control__details">
      {nextReviewAt && format(m.nextReviewAt, { time: formatDayTime(nextReviewAt, lang) })}
      {nextReviewAt && note && ' · '}
      {note}
    </p>
  );
}

/** An emergency department's extra fields: where it diverts to (délestage only), next re-evaluation, note. */
function EmergencyFields({
  departmentId,
  draft,
  onChange,
  registry,
  fullName,
  ids,
}: {
  departmentId: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  registry: Registry;
  fullName: string;
  ids: string;
}) {
  const m = messages[useLang()];
  const hidden = <span className="visually-hidden"> – {fullName}</span>;
  // The sites the server accepts (the one already chosen stays listed, to show it even if it has closed).
  const groups = registry.hospitals
    .map((h) => ({
      hospital: h,
      sites: h.sites.filter((s) => {
        const problem = emergencyTargetProblem(registry, departmentId, s.id);
        return problem === null || (problem === 'closed-site' && s.id === draft.targetSiteId);
      }),
    }))
    .filter((g) => g.sites.length > 0);
  return (
    <>
      {draft.status === 'delestage' && (
        <div className="item-control__field">
          <label htmlFor={`${ids}-target`}>
            {m.target}
            {hidden}
          </label>
          <select
            id={`${ids}-target`}
            value={draft.targetSiteId}
            onChange={(event) => onChange({ ...draft, targetSiteId: event.target.value })}
          >
            <option value="">{m.chooseTarget}</option>
            {groups.map(({ hospital, sites }) => (
              <optgroup key={hospital.id} label={hospital.shortName}>
                {sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      <div className="item-control__field">
        <label htmlFor={`${ids}-review`}>
          {m.nextReview}
          {hidden}
        </label>
        <input
          id={`${ids}-review`}
          type="datetime-local"
          value={draft.nextReviewAt}
          onChange={(event) => onChange({ ...draft, nextReviewAt: event.target.value })}
        />
      </div>
      <div className="item-control__field item-control__field--wide">
        <label htmlFor={`${ids}-note`}>
          {m.note}
          {hidden}
        </label>
        <input
          id={`${ids}-note`}
          type="text"
          maxLength={MAX_SHORT_TEXT}
          value={draft.note}
          onChange={(event) => onChange({ ...draft, note: event.target.value })}
        />
      </div>
    </>
  );
}
