/**
 * The incident's facts: phase, cause and its sentence, power restored at, patient impact, each with
 * its value now, and who changed the incident last. The lead edits them in one form that carries the
 * incident's version as it was when the editing began, so a change made meanwhile is a conflict.
 */
import {
  causes,
  incidentTypes,
  MAX_SHORT_TEXT,
  phases,
  type Cause,
  type Incident,
  type IncidentFields,
  type Phase,
  type Registry,
} from '@vigie/shared';
import { useId, useState, type FormEvent } from 'react';
import { useEditedValue } from '../../../hooks/useEditedValue.ts';
import { useEffectiveNow } from '../../../hooks/useEffectiveNow.ts';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime, isoToParisLocal, parisLocalToIso } from '../../../time/parisTime.ts';
import { useLang } from '../../../i18n/useT.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { Provenance } from '../../../items/Provenance.tsx';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { Field } from '../Field.tsx';
import { CauseFields } from './CauseFields.tsx';
import { ChangedMeanwhile } from '../ChangedMeanwhile.tsx';
import { useFocusAfterSending } from '../useFocusAfterSending.ts';
import { messages } from './messages.ts';

/** The form's values as the inputs hold them (a `datetime-local` value in Paris time, '' for none). */
interface FactsForm {
  phase: Phase;
  cause: Cause;
  causeNote: string;
  powerRestoredAt: string;
  patientImpact: string;
}

const formOf = (i: Incident): FactsForm => ({
  phase: i.phase,
  cause: i.cause,
  causeNote: i.causeNote ?? '',
  powerRestoredAt: i.powerRestoredAt ? isoToParisLocal(i.powerRestoredAt) : '',
  patientImpact: i.patientImpact ?? '',
});

/** The fields the person changed, as the command wants them; an error word for an unreadable or future time. */
function changedFields(
  base: FactsForm,
  form: FactsForm,
  now: number,
): { fields: Partial<IncidentFields> } | { error: 'badTime' | 'futureTime' } {
  const fields: Partial<IncidentFields> = {};
  if (form.phase !== base.phase) fields.phase = form.phase;
  if (form.cause !== base.cause) fields.cause = form.cause;
  if (form.causeNote.trim() !== base.causeNote.trim()) fields.causeNote = form.causeNote.trim() || null;
  if (form.patientImpact.trim() !== base.patientImpact.trim()) fields.patientImpact = form.patientImpact.trim() || null;
  if (form.powerRestoredAt !== base.powerRestoredAt) {
    if (form.powerRestoredAt === '') fields.powerRestoredAt = null;
    else {
      const iso = parisLocalToIso(form.powerRestoredAt);
      if (!iso) return { error: 'badTime' };
      if (Date.parse(iso) > now) return { error: 'futureTime' };
      fields.powerRestoredAt = iso;
    }
  }
  return { fields };
}

/** The incident's facts in words, for reading and for "actuellement : …". */
function words(incident: Incident, lang: Lang): Record<keyof FactsForm, string> {
  const m = messages[lang];
  return {
    phase: phases.label(incident.phase, lang),
    cause: causes.label(incident.cause, lang),
    causeNote: incident.causeNote?.trim() || m.notSet,
    powerRestoredAt: incident.powerRestoredAt ? formatDayTime(incident.powerRestoredAt, lang) : m.notRestored,
    patientImpact: incident.patientImpact?.trim() || m.notSet,
  };
}

export function IncidentFacts({
  incident,
  registry,
  editable,
}: {
  incident: Incident;
  registry: Registry;
  editable: boolean;
}) {
  const lang = useLang();
  const m = messages[lang];
  const titleId = useId();
  const closed = incident.closedAt !== null;
  return (
    <section className="console-panel incident-facts" aria-labelledby={titleId}>
      <h3 id={titleId}>{closed ? m.closedTitle : m.factsTitle}</h3>
      <dl className="incident-facts__identity">
        <div>
          <dt>{m.incidentTitle}</dt>
          <dd>{incident.title}</dd>
        </div>
        <div>
          <dt>{m.type}</dt>
          <dd>{incidentTypes.label(incident.type, lang)}</dd>
        </div>
        <div>
          <dt>{m.startedAt}</dt>
          <dd>
            <time dateTime={incident.startedAt}>{formatDayTime(incident.startedAt, lang)}</time>
          </dd>
        </div>
        {incident.closedAt && (
          <div>
            <dt>{m.closedAt}</dt>
            <dd>
              <time dateTime={incident.closedAt}>{formatDayTime(incident.closedAt, lang)}</time>
            </dd>
          </div>
        )}
      </dl>
      <p className="incident-facts__provenance" data-testid="incident-provenance">
        {m.lastChange}
        <Provenance by={incident.updatedBy} at={incident.effectiveAt ?? incident.updatedAt} />
      </p>
      {editable ? (
        <FactsEditor incident={incident} registry={registry} />
      ) : (
        <>
          <FactsReadOnly incident={incident} />
          <p className="console-muted">{closed ? m.closedReadOnly : m.leadOnly}</p>
        </>
      )}
    </section>
  );
}

function FactsReadOnly({ incident }: { incident: Incident }) {
  const lang = useLang();
  const m = messages[lang];
  const said = words(incident, lang);
  return (
    <dl className="incident-facts__values" data-testid="incident-facts">
      {(['phase', 'cause', 'causeNote', 'powerRestoredAt', 'patientImpact'] as const).map((key) => (
        <div key={key} data-fact={key}>
          <dt>{m[key]}</dt>
          <dd>{said[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

function FactsEditor({ incident, registry }: { incident: Incident; registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const now = useEffectiveNow(30_000);
  const { send, outcome, reset, sending } = useCommand();
  const focus = useFocusAfterSending(sending);
  const edited = useEditedValue({
    value: incident,
    version: incident.version,
    draftOf: formOf,
    provenance: { by: incident.updatedBy, at: incident.updatedAt },
  });
  const [problem, setProblem] = useState<string | null>(null);
  const live = formOf(incident);
  const form = edited.draft;
  const said = words(incident, lang);
  const meanwhile = edited.meanwhile;
  const movedOn = meanwhile !== null;

  const edit = (patch: Partial<FactsForm>) => {
    reset();
    setProblem(null);
    edited.edit((current) => ({ ...current, ...patch }));
  };
  const restart = () => {
    reset();
    setProblem(null);
    edited.cancel();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!edited.editing || edited.held) return setProblem(m.nothingChanged);
    const changed = changedFields(formOf(edited.base), form, now);
    if ('error' in changed) return setProblem(m[changed.error]);
    if (Object.keys(changed.fields).length === 0) return setProblem(m.nothingChanged);
    setProblem(null);
    const base = edited.base;
    const sent = edited.mark();
    focus.keep();
    const reply = await send('incident:update', { fields: changed.fields, expectedVersion: edited.version });
    // The fields are disabled while sending; should the draft have changed all the same, it is kept as it is.
    if (reply.ok) edited.saved(sent, { version: reply.data.seq, value: { ...base, ...changed.fields } });
  };
  // "actuellement : …" when the form shows something else than the value now.
  const differs = (key: keyof FactsForm) =>
    form[key] !== live[key] ? format(m.current, { value: said[key] }) : undefined;

  return (
    <form className="incident-facts__form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="console-fields" disabled={sending}>
        <div className="incident-facts__grid">
          <Field label={m.phase} hint={m.phaseHint} current={differs('phase')}>
            {(control) => (
              <select {...control} value={form.phase} onChange={(e) => edit({ phase: e.target.value as Phase })}>
                {phases.ids
                  .filter((id) => id !== 'cloture' || form.phase === 'cloture')
                  .map((id) => (
                    <option key={id} value={id}>
                      {phases.label(id, lang)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <CauseFields cause={form.cause} causeNote={form.causeNote} edit={edit} current={differs} />
          <Field label={m.powerRestoredAt} hint={m.powerRestoredHint} current={differs('powerRestoredAt')}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={form.powerRestoredAt}
                onChange={(e) => edit({ powerRestoredAt: e.target.value })}
              />
            )}
          </Field>
          <Field label={m.patientImpact} current={differs('patientImpact')}>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={MAX_SHORT_TEXT}
                value={form.patientImpact}
                onChange={(e) => edit({ patientImpact: e.target.value })}
              />
            )}
          </Field>
        </div>
        {meanwhile?.by && (
          <ChangedMeanwhile
            className="incident-facts__moved"
            lead={m.changedMeanwhile}
            by={meanwhile.by}
            at={meanwhile.at}
            hint={m.changedHint}
          />
        )}
        <div className="incident-actions">
          <button type="submit" className="console-form-submit">
            {m.save}
          </button>
          {(movedOn || (outcome.state === 'failed' && outcome.error.code === 'conflict')) && (
            <button type="button" onClick={restart}>
              {m.restart}
            </button>
          )}
        </div>
      </fieldset>
      {problem && (
        <p className="console-form-field__error" role="alert">
          {problem}
        </p>
      )}
      <OutcomeNotice outcome={outcome} registry={registry} />
    </form>
  );
}
