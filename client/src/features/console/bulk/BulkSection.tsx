/**
 * The console's bulk change: one system across several hospitals, or every system of a hospital or
 * GHU, set to one status. The preview lists each item with its value then and now, as seen when the
 * choice was last changed; confirming sends one all-or-nothing `items:set` with those versions, so an
 * item changed meanwhile refuses the whole change. The choices are disabled while it is in flight, so its
 * reply never clears a choice made after it was sent. The undo list below.
 */
import {
  MAX_BULK_ITEMS,
  own,
  systemStatuses,
  type Hospital,
  type Registry,
  type Situation,
  type SystemStatus,
} from '@vigie/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { useSituation } from '../../../hooks/useSituation.ts';
import { useStoreSelector } from '../../../hooks/useStoreSelector.ts';
import { format } from '../../../i18n/messages.ts';
import { useLang } from '../../../i18n/useT.ts';
import { selectSession } from '../../../store/selectors.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { ItemProvenance } from '../../../items/ItemProvenance.tsx';
import { StatusBadge } from '../../../items/StatusBadge.tsx';
import { byGhu, coveredHospitals } from '../hospitals/coveredHospitals.ts';
import { HospitalOptions } from '../hospitals/HospitalOptions.tsx';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { RecentChanges } from '../RecentChanges.tsx';
import { useItemWrites } from '../useItemWrites.ts';
import { planBulk, targetHospitals, type BulkCriteria, type BulkRow } from './bulkPlan.ts';
import { messages } from './messages.ts';
import './BulkSection.css';

export function BulkSection() {
  const m = messages[useLang()];
  const view = useSituation();
  const { info } = useStoreSelector(selectSession);
  if (!view) return null;
  const covered = coveredHospitals(view.registry, info);
  return (
    <div className="bulk-section">
      {covered.length === 0 ? (
        <p className="console-panel">{m.noneCovered}</p>
      ) : (
        <BulkChange state={view.state} registry={view.registry} covered={covered} />
      )}
      <RecentChanges registry={view.registry} />
    </div>
  );
}

function BulkChange({
  state,
  registry,
  covered,
}: {
  state: Situation;
  registry: Registry;
  covered: readonly Hospital[];
}) {
  const lang = useLang();
  const m = messages[lang];
  const ghus = byGhu(registry, covered).flatMap((g) => (g.ghu ? [g.ghu] : []));
  const [criteria, setCriteria] = useState<BulkCriteria>(() => ({
    mode: 'system',
    systemId: registry.systems[0]?.id ?? '',
    across: 'covered',
    chosen: [],
    of: 'hospital',
    hospitalId: covered[0]?.id ?? '',
    ghuId: ghus[0]?.id ?? '',
    status: '',
  }));
  // The items as the preview shows them: taken when the choice changes, not when the situation moves,
  // so what is sent is what the person saw (a change made meanwhile is flagged, then refused).
  const [seen, setSeen] = useState(state.items);
  const { write, outcome, reset } = useItemWrites();
  const ids = useId();
  const statusRef = useRef<HTMLSelectElement>(null);
  // Bumped by every change of choice: a reply applies its reset only if none came since its send.
  const choices = useRef(0);
  const refocus = useRef(false);

  const update = (patch: Partial<BulkCriteria>) => {
    setCriteria((c) => ({ ...c, ...patch }));
    setSeen(state.items);
    reset();
    choices.current++;
  };
  const refresh = () => {
    setSeen(state.items);
    reset();
  };
  const { reached, rows } = planBulk(criteria, registry, seen, covered);
  const targets = targetHospitals(criteria, covered);
  const moved = new Set(
    rows
      .filter((r) => own(state.items.system, r.change.item.id)?.version !== r.change.expectedVersion)
      .map((r) => r.change.item.id),
  );
  const sending = outcome.state === 'sending';
  // The status select is disabled until the reply has been rendered: it takes the focus only then.
  useEffect(() => {
    if (sending || !refocus.current) return;
    refocus.current = false;
    statusRef.current?.focus();
  });
  const count = String(rows.length);

  const apply = async () => {
    if (sending) return;
    const sent = choices.current;
    const reply = await write(rows.map((r) => r.change));
    // Done: the next change starts from a fresh choice of status (and a fresh look at the items),
    // where the focus goes as the button it was on leaves with the preview. Only if the choice is
    // still the one sent: a later one is the person's, and stays.
    if (reply.ok && choices.current === sent) {
      setCriteria((c) => ({ ...c, status: '' }));
      refocus.current = true;
    }
  };

  return (
    <>
      <fieldset className="console-panel bulk-form" disabled={sending}>
        <fieldset>
          <legend>{m.what}</legend>
          <label>
            <input
              type="radio"
              name={`${ids}-mode`}
              checked={criteria.mode === 'system'}
              onChange={() => update({ mode: 'system' })}
            />
            {m.modeSystem}
          </label>
          <label>
            <input
              type="radio"
              name={`${ids}-mode`}
              checked={criteria.mode === 'hospital'}
              onChange={() => update({ mode: 'hospital' })}
            />
            {m.modeHospital}
          </label>
        </fieldset>

        {criteria.mode === 'system' ? (
          <>
            <div className="bulk-field">
              <label htmlFor={`${ids}-system`}>{m.system}</label>
              <select
                id={`${ids}-system`}
                value={criteria.systemId}
                onChange={(event) => update({ systemId: event.target.value })}
              >
                {registry.systems.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name[lang]}
                  </option>
                ))}
              </select>
            </div>
            <fieldset>
              <legend>{m.across}</legend>
              <label>
                <input
                  type="radio"
                  name={`${ids}-across`}
                  checked={criteria.across === 'covered'}
                  onChange={() => update({ across: 'covered' })}
                />
                {format(m.acrossCovered, { count: String(covered.length) })}
              </label>
              {ghus.length > 0 && (
                <label>
                  <input
                    type="radio"
                    name={`${ids}-across`}
                    checked={criteria.across === 'ghu'}
                    onChange={() => update({ across: 'ghu' })}
                  />
                  {m.acrossGhu}
                </label>
              )}
              <label>
                <input
                  type="radio"
                  name={`${ids}-across`}
                  checked={criteria.across === 'chosen'}
                  onChange={() => update({ across: 'chosen' })}
                />
                {m.acrossChosen}
              </label>
              {criteria.across === 'ghu' && (
                <GhuSelect id={`${ids}-ghu`} criteria={criteria} ghus={ghus} update={update} lang={lang} />
              )}
              {criteria.across === 'chosen' && (
                <fieldset className="bulk-chosen">
                  <legend>{m.chosen}</legend>
                  {byGhu(registry, covered).map(({ ghu, hospitals }) => (
                    <div key={ghu?.id ?? ''} className="bulk-chosen__group">
                      <p className="bulk-chosen__ghu">{ghu?.label ?? m.outsideGhu}</p>
                      <div className="bulk-chosen__list">
                        {hospitals.map((h) => (
                          <label key={h.id}>
                            <input
                              type="checkbox"
                              checked={criteria.chosen.includes(h.id)}
                              onChange={(event) =>
                                update({
                                  chosen: event.target.checked
                                    ? [...criteria.chosen, h.id]
                                    : criteria.chosen.filter((id) => id !== h.id),
                                })
                              }
                            />
                            {h.name}
                          </label>
                        ))}
                      </div>
                    </div>
                  ))}
                </fieldset>
              )}
            </fieldset>
          </>
        ) : (
          <fieldset>
            <legend>{m.of}</legend>
            <label>
              <input
                type="radio"
                name={`${ids}-of`}
                checked={criteria.of === 'hospital'}
                onChange={() => update({ of: 'hospital' })}
              />
              {m.ofHospital}
            </label>
            {ghus.length > 0 && (
              <label>
                <input
                  type="radio"
                  name={`${ids}-of`}
                  checked={criteria.of === 'ghu'}
                  onChange={() => update({ of: 'ghu' })}
                />
                {m.ofGhu}
              </label>
            )}
            {criteria.of === 'hospital' ? (
              <div className="bulk-field">
                <label htmlFor={`${ids}-hospital`}>{m.hospital}</label>
                <select
                  id={`${ids}-hospital`}
                  value={criteria.hospitalId}
                  onChange={(event) => update({ hospitalId: event.target.value })}
                >
                  <HospitalOptions registry={registry} hospitals={covered} />
                </select>
              </div>
            ) : (
              <GhuSelect id={`${ids}-ghu`} criteria={criteria} ghus={ghus} update={update} lang={lang} />
            )}
          </fieldset>
        )}

        <div className="bulk-field">
          <label htmlFor={`${ids}-status`}>{m.status}</label>
          <select
            id={`${ids}-status`}
            ref={statusRef}
            value={criteria.status}
            onChange={(event) => update({ status: event.target.value as SystemStatus | '' })}
          >
            <option value="">{m.chooseStatus}</option>
            {systemStatuses.ids.map((s) => (
              <option key={s} value={s}>
                {systemStatuses.label(s, lang)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <section className="console-panel bulk-preview" aria-labelledby={`${ids}-preview`} data-preview="bulk">
        <h3 id={`${ids}-preview`}>{m.preview}</h3>
        {criteria.status === '' ? (
          <p className="console-muted">{m.previewEmpty}</p>
        ) : targets.length === 0 ? (
          <p>{m.noTarget}</p>
        ) : rows.length === 0 ? (
          <p>{format(m.nothingToChange, { reached: String(reached) })}</p>
        ) : (
          <>
            <p>{format(m.summary, { count, same: String(reached - rows.length) })}</p>
            {moved.size > 0 && (
              <div className="bulk-preview__drift" role="alert">
                <p>{format(m.drift, { count: String(moved.size) })}</p>
                <button type="button" onClick={refresh} disabled={sending}>
                  {m.refresh}
                </button>
              </div>
            )}
            <PreviewTable rows={rows} moved={moved} lang={lang} />
            {rows.length > MAX_BULK_ITEMS && <p role="alert">{format(m.tooMany, { max: String(MAX_BULK_ITEMS) })}</p>}
            <div className="bulk-preview__apply">
              <ConfirmButton
                label={rows.length === 1 ? m.applyOne : format(m.apply, { count })}
                question={rows.length === 1 ? m.applyOneQuestion : format(m.applyQuestion, { count })}
                onConfirm={() => void apply()}
                disabled={sending || rows.length > MAX_BULK_ITEMS}
              />
            </div>
          </>
        )}
        <OutcomeNotice outcome={outcome} registry={registry} />
      </section>
    </>
  );
}

function GhuSelect({
  id,
  criteria,
  ghus,
  update,
  lang,
}: {
  id: string;
  criteria: BulkCriteria;
  ghus: readonly { id: string; label: string }[];
  update: (patch: Partial<BulkCriteria>) => void;
  lang: Lang;
}) {
  return (
    <div className="bulk-field">
      <label htmlFor={id}>{messages[lang].ghu}</label>
      <select id={id} value={criteria.ghuId} onChange={(event) => update({ ghuId: event.target.value })}>
        {ghus.map((g) => (
          <option key={g.id} value={g.id}>
            {g.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every item of the change: hospital, system, its value as seen (with who set it), the new value. */
function PreviewTable({ rows, moved, lang }: { rows: readonly BulkRow[]; moved: ReadonlySet<string>; lang: Lang }) {
  const m = messages[lang];
  return (
    // Scrolls inside its own box (never the page) and takes the focus so a keyboard can scroll it.
    <div className="bulk-preview__scroll" role="region" aria-label={m.previewTable} tabIndex={0}>
      <table className="bulk-preview__table">
        <thead>
          <tr>
            <th scope="col">{m.colHospital}</th>
            <th scope="col">{m.colSystem}</th>
            <th scope="col">{m.colNow}</th>
            <th scope="col">{m.colNew}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ hospital, system, seen, status, change }) => (
            <tr
              key={change.item.id}
              data-item={`system/${change.item.id}`}
              data-moved={moved.has(change.item.id) || undefined}
            >
              <th scope="row">{hospital.shortName}</th>
              <td>{system.shortName[lang]}</td>
              <td>
                <StatusBadge kind="system" status={seen.value} />
                <span className="bulk-preview__provenance">
                  <ItemProvenance tracked={seen} />
                </span>
                {moved.has(change.item.id) && <strong className="bulk-preview__moved">{m.changedSince}</strong>}
              </td>
              <td>
                <StatusBadge kind="system" status={status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
