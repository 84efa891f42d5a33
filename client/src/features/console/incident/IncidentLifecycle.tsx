/**
 * Opening an incident (a new log and main courante) and closing the current one: the lead's, each
 * asked again in words before it is sent.
 */
import {
  incidentTypes,
  MAX_SHORT_TEXT,
  type Cause,
  type Incident,
  type IncidentType,
  type Registry,
} from '@vigie/shared';
import { useRef, useState } from 'react';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { useEffectiveNow } from '../../../hooks/useEffectiveNow.ts';
import { format } from '../../../i18n/messages.ts';
import { useLang } from '../../../i18n/useT.ts';
import { parisLocalToIso } from '../../../time/parisTime.ts';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { Field } from '../Field.tsx';
import { CauseFields } from './CauseFields.tsx';
import { ScaleOptions } from '../ScaleOptions.tsx';
import { messages } from './messages.ts';

export function CloseIncident({ incident, registry }: { incident: Incident; registry: Registry }) {
  const m = messages[useLang()];
  const { send, outcome, sending } = useCommand();
  return (
    <div className="incident-lifecycle__close">
      <ConfirmButton
        label={m.close}
        question={format(m.closeConfirm, { title: incident.title })}
        disabled={sending}
        onConfirm={() => void send('incident:close', { expectedVersion: incident.version })}
      />
      <OutcomeNotice outcome={outcome} registry={registry} />
    </div>
  );
}

interface OpenForm {
  type: IncidentType;
  title: string;
  cause: Cause;
  causeNote: string;
  startedAt: string;
}

export function OpenIncident({ registry }: { registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const now = useEffectiveNow(30_000);
  const { send, outcome, reset, sending } = useCommand();
  const initial: OpenForm = {
    type: incidentTypes.ids[0],
    title: '',
    cause: 'indeterminee',
    causeNote: '',
    startedAt: '',
  };
  const [form, setForm] = useState<OpenForm>(initial);
  const [shown, setShown] = useState<{ title?: string; startedAt?: string }>({});
  const titleRef = useRef<HTMLInputElement>(null);
  const startedRef = useRef<HTMLInputElement>(null);

  const title = form.title.trim();
  const startedAt = form.startedAt === '' ? null : parisLocalToIso(form.startedAt);
  const problems = {
    title: title ? undefined : m.titleRequired,
    startedAt:
      form.startedAt === ''
        ? undefined
        : startedAt === null
          ? m.badTime
          : Date.parse(startedAt) > now
            ? m.futureTime
            : undefined,
  };
  const valid = !problems.title && !problems.startedAt;

  const edit = (patch: Partial<OpenForm>) => {
    reset();
    setShown({});
    setForm((current) => ({ ...current, ...patch }));
  };
  // Nothing is asked to confirm while the form is incomplete: the same button says what is missing instead.
  const explain = () => {
    setShown(problems);
    if (problems.title) titleRef.current?.focus();
    else startedRef.current?.focus();
  };
  const open = async () => {
    const sent = form;
    const reply = await send('incident:open', {
      type: form.type,
      title,
      cause: form.cause,
      causeNote: form.causeNote.trim() || null,
      ...(startedAt ? { startedAt } : {}),
    });
    // The fields are disabled while sending; should the form have changed all the same, it is kept as it is.
    if (reply.ok) setForm((current) => (current === sent ? initial : current));
  };

  return (
    <form className="incident-lifecycle__open" aria-label={m.openTitle} onSubmit={(e) => e.preventDefault()}>
      <p className="console-muted">{m.openHint}</p>
      <fieldset className="console-fields" disabled={sending}>
        <div className="incident-facts__grid">
          <Field label={m.type}>
            {(control) => (
              <select {...control} value={form.type} onChange={(e) => edit({ type: e.target.value as IncidentType })}>
                <ScaleOptions scale={incidentTypes} />
              </select>
            )}
          </Field>
          <Field label={m.openIncidentTitle} error={shown.title}>
            {(control) => (
              <input
                {...control}
                ref={titleRef}
                type="text"
                required
                maxLength={MAX_SHORT_TEXT}
                value={form.title}
                onChange={(e) => edit({ title: e.target.value })}
              />
            )}
          </Field>
          <CauseFields cause={form.cause} causeNote={form.causeNote} edit={edit} />
          <Field label={m.openStartedAt} error={shown.startedAt}>
            {(control) => (
              <input
                {...control}
                ref={startedRef}
                type="datetime-local"
                value={form.startedAt}
                onChange={(e) => edit({ startedAt: e.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>
      {/* Outside the fieldset: the confirmation gives the focus back to its button, which must stay focusable. */}
      <div className="incident-actions">
        {valid ? (
          <ConfirmButton
            label={m.open}
            question={format(m.openConfirm, { title })}
            disabled={sending}
            onConfirm={() => void open()}
          />
        ) : (
          <button type="button" onClick={explain}>
            {m.open}
          </button>
        )}
      </div>
      <OutcomeNotice outcome={outcome} registry={registry} />
    </form>
  );
}
