/**
 * The estimated return to normal: what was first announced, what holds now, and every revision with
 * when, who and why. The lead revises it with a reason (asked for, though the schema allows none);
 * the revision carries the latest revision's seq as it was when the lead began, so two leads never
 * overwrite each other's estimate unseen.
 */
import { MAX_SHORT_TEXT, type EtaRevision, type Registry } from '@vigie/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useEditedValue } from '../../../hooks/useEditedValue.ts';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime, parisLocalToIso } from '../../../time/parisTime.ts';
import { useLang } from '../../../i18n/useT.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { ChangedMeanwhile } from '../ChangedMeanwhile.tsx';
import { Field } from '../Field.tsx';
import { useFocusAfterSending } from '../useFocusAfterSending.ts';
import { messages } from './messages.ts';
import { actorLabel } from '../../../items/actorLabel.ts';

export function EtaSection({
  eta,
  registry,
  editable,
  note,
}: {
  eta: EtaRevision[];
  registry: Registry;
  editable: boolean;
  /** Why it is read-only, when it is (a commander is told only the lead revises it). */
  note?: string;
}) {
  const lang = useLang();
  const m = messages[lang];
  const titleId = useId();
  const first = eta[0];
  const current = eta.at(-1);
  return (
    <section className="console-panel incident-eta" aria-labelledby={titleId}>
      <h3 id={titleId}>{m.eta}</h3>
      {!first || !current ? (
        <p>{m.etaNone}</p>
      ) : (
        <>
          <p className="incident-eta__summary" data-fact="eta">
            {eta.length > 1 && <span>{format(m.etaInitially, { first: first.label })} → </span>}
            <strong>{format(m.etaNow, { current: current.label })}</strong>
            {current.targetAt && <> ({format(m.etaTargetAt, { time: formatDayTime(current.targetAt, lang) })})</>}
          </p>
          <h4 className="incident-eta__list-title">{m.revisions}</h4>
          <ol className="incident-eta__revisions" reversed>
            {[...eta].reverse().map((r) => (
              <RevisionLine key={r.seq} revision={r} lang={lang} />
            ))}
          </ol>
        </>
      )}
      {editable ? (
        <ReviseForm latest={current ?? null} registry={registry} />
      ) : (
        note && <p className="console-muted">{note}</p>
      )}
    </section>
  );
}

function RevisionLine({ revision: r, lang }: { revision: EtaRevision; lang: Lang }) {
  const m = messages[lang];
  const at = r.effectiveAt ?? r.recordedAt;
  return (
    <li data-revision={r.seq}>
      <time dateTime={at}>{formatDayTime(at, lang)}</time> — <strong>{r.label}</strong>
      {r.targetAt && <> ({format(m.etaTargetAt, { time: formatDayTime(r.targetAt, lang) })})</>} —{' '}
      {r.reason.trim() ? format(m.revisionReason, { reason: r.reason }) : m.noReason} —{' '}
      <span className="console-muted">{format(m.revisionBy, { who: actorLabel(r.by, lang) })}</span>
    </li>
  );
}

interface EtaForm {
  label: string;
  target: string;
  reason: string;
}
// A revision is written after the latest, not from it: the form starts empty whatever the estimate.
const emptyForm = (): EtaForm => ({ label: '', target: '', reason: '' });
type Problems = Partial<Record<keyof EtaForm, string>>;

function ReviseForm({ latest, registry }: { latest: EtaRevision | null; registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const titleId = useId();
  const { send, outcome, reset, sending } = useCommand();
  const focus = useFocusAfterSending(sending);
  // The version the server compares is the latest revision's seq (0 before any revision).
  const edited = useEditedValue({
    value: latest,
    version: latest?.seq ?? 0,
    draftOf: emptyForm,
    provenance: latest ? { by: latest.by, at: latest.recordedAt } : undefined,
  });
  const form = edited.draft;
  const [problems, setProblems] = useState<Problems>({});
  const labelRef = useRef<HTMLInputElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const movedOn = edited.meanwhile !== null;
  const meanwhile = edited.meanwhile;

  const edit = (patch: Partial<EtaForm>) => {
    reset();
    edited.edit((current) => ({ ...current, ...patch }));
    setProblems({});
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const label = form.label.trim();
    const reason = form.reason.trim();
    const targetAt = form.target === '' ? null : parisLocalToIso(form.target);
    const found: Problems = {
      ...(label ? {} : { label: m.labelRequired }),
      ...(form.target !== '' && targetAt === null ? { target: m.badTime } : {}),
      ...(reason ? {} : { reason: m.reasonRequired }),
    };
    setProblems(found);
    if (found.label) return labelRef.current?.focus();
    if (found.target) return targetRef.current?.focus();
    if (found.reason) return reasonRef.current?.focus();
    const sent = edited.mark();
    focus.keep();
    const reply = await send('eta:revise', { label, targetAt, reason, expectedVersion: edited.version });
    // The fields are disabled while sending; should the form have changed all the same, it is kept as it is.
    if (reply.ok) edited.saved(sent);
  };

  return (
    <form className="incident-eta__form" aria-labelledby={titleId} onSubmit={(e) => void submit(e)} noValidate>
      <h4 id={titleId}>{m.reviseTitle}</h4>
      <fieldset className="console-fields" disabled={sending}>
        <div className="incident-facts__grid">
          <Field label={m.etaLabel} hint={m.etaLabelHint} error={problems.label}>
            {(control) => (
              <input
                {...control}
                ref={labelRef}
                type="text"
                required
                maxLength={MAX_SHORT_TEXT}
                value={form.label}
                onChange={(e) => edit({ label: e.target.value })}
              />
            )}
          </Field>
          <Field label={m.etaTarget} error={problems.target}>
            {(control) => (
              <input
                {...control}
                ref={targetRef}
                type="datetime-local"
                value={form.target}
                onChange={(e) => edit({ target: e.target.value })}
              />
            )}
          </Field>
          <Field label={m.etaReason} hint={m.etaReasonHint} error={problems.reason}>
            {(control) => (
              <input
                {...control}
                ref={reasonRef}
                type="text"
                required
                maxLength={MAX_SHORT_TEXT}
                value={form.reason}
                onChange={(e) => edit({ reason: e.target.value })}
              />
            )}
          </Field>
        </div>
        {meanwhile?.by && latest && (
          <ChangedMeanwhile
            className="incident-facts__moved"
            lead={format(m.etaChangedMeanwhile, { label: latest.label })}
            by={meanwhile.by}
            at={meanwhile.at}
            hint={m.etaChangedHint}
          />
        )}
        <div className="incident-actions">
          <button type="submit" className="console-form-submit">
            {m.revise}
          </button>
          {(movedOn || (outcome.state === 'failed' && outcome.error.code === 'conflict')) && (
            <button
              type="button"
              onClick={() => {
                reset();
                edited.acknowledge();
              }}
            >
              {m.etaRestart}
            </button>
          )}
        </div>
      </fieldset>
      <OutcomeNotice outcome={outcome} registry={registry} />
    </form>
  );
}
