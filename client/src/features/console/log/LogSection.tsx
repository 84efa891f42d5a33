/**
 * The console's main courante: a form to write an entry (type, text, verification for information,
 * owner and deadline for an action, an earlier effective time if need be), then the latest entries.
 * The fields are disabled while an entry is sent; after saving, the text is cleared and the focus goes
 * back to it for the next entry.
 */
import {
  logEntryTypes,
  MAX_SHORT_TEXT,
  MAX_TEXT,
  verifications,
  type LogEntryType,
  type Registry,
  type Verification,
} from '@vigie/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useEffectiveNow } from '../../../hooks/useEffectiveNow.ts';
import { useSituation } from '../../../hooks/useSituation.ts';
import { useLang } from '../../../i18n/useT.ts';
import { MainCourante } from '../../log/MainCourante.tsx';
import { Field } from '../Field.tsx';
import { ScaleOptions } from '../ScaleOptions.tsx';
import { parisLocalToIso } from '../../../time/parisTime.ts';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { messages } from './messages.ts';
import { useFocusAfterSending } from '../useFocusAfterSending.ts';
import './logSection.css';

export function LogSection() {
  const lang = useLang();
  const m = messages[lang];
  const view = useSituation();
  const titleId = useId();
  if (!view) return null;
  return (
    <div className="log-section">
      <section className="console-panel" aria-labelledby={titleId}>
        <h3 id={titleId}>{m.formTitle}</h3>
        <EntryForm registry={view.registry} />
      </section>
      <div className="console-panel log-section__entries">
        <MainCourante variant="overview" />
      </div>
    </div>
  );
}

interface EntryFormValues {
  type: LogEntryType;
  text: string;
  verification: Verification;
  owner: string;
  dueAt: string;
  effectiveAt: string;
}
type Problems = Partial<Record<'text' | 'dueAt' | 'effectiveAt', string>>;

const blank = (type: LogEntryType): EntryFormValues => ({
  type,
  text: '',
  verification: 'a-verifier',
  owner: '',
  dueAt: '',
  effectiveAt: '',
});

function EntryForm({ registry }: { registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const now = useEffectiveNow(30_000);
  const { send, outcome, reset, sending } = useCommand();
  const focus = useFocusAfterSending(sending);
  const [form, setForm] = useState<EntryFormValues>(blank('information'));
  const [problems, setProblems] = useState<Problems>({});
  const textRef = useRef<HTMLTextAreaElement>(null);
  const dueRef = useRef<HTMLInputElement>(null);
  const effectiveRef = useRef<HTMLInputElement>(null);

  const edit = (patch: Partial<EntryFormValues>) => {
    if (!sending) reset();
    setProblems({});
    setForm((current) => ({ ...current, ...patch }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = form.text.trim();
    const action = form.type === 'action';
    const dueAt = action && form.dueAt !== '' ? parisLocalToIso(form.dueAt) : null;
    const effectiveAt = form.effectiveAt === '' ? null : parisLocalToIso(form.effectiveAt);
    const found: Problems = {
      ...(text ? {} : { text: m.textRequired }),
      ...(action && form.dueAt !== '' && dueAt === null ? { dueAt: m.badTime } : {}),
      ...(form.effectiveAt !== '' && effectiveAt === null
        ? { effectiveAt: m.badTime }
        : effectiveAt !== null && Date.parse(effectiveAt) > now
          ? { effectiveAt: m.futureTime }
          : {}),
    };
    setProblems(found);
    if (found.text) return textRef.current?.focus();
    if (found.dueAt) return dueRef.current?.focus();
    if (found.effectiveAt) return effectiveRef.current?.focus();
    const sent = form;
    focus.keep();
    const reply = await send('log:add-entry', {
      type: form.type,
      text,
      ...(form.type === 'information' ? { verification: form.verification } : {}),
      ...(action ? { owner: form.owner.trim() || null, dueAt } : {}),
      ...(effectiveAt ? { effectiveAt } : {}),
    });
    if (reply.ok) {
      // Ready for the next entry of the same kind, unless the form holds something written since.
      setForm((current) => (current === sent ? blank(sent.type) : current));
      focus.moveTo(textRef.current);
    }
  };

  return (
    <form className="log-section__form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="console-fields log-section__fields" disabled={sending}>
        <div className="log-section__grid">
          <Field label={m.type}>
            {(control) => (
              <select {...control} value={form.type} onChange={(e) => edit({ type: e.target.value as LogEntryType })}>
                <ScaleOptions scale={logEntryTypes} />
              </select>
            )}
          </Field>
          {form.type === 'information' && (
            <Field label={m.verification}>
              {(control) => (
                <select
                  {...control}
                  value={form.verification}
                  onChange={(e) => edit({ verification: e.target.value as Verification })}
                >
                  <ScaleOptions scale={verifications} />
                </select>
              )}
            </Field>
          )}
          {form.type === 'action' && (
            <>
              <Field label={m.owner}>
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    maxLength={MAX_SHORT_TEXT}
                    value={form.owner}
                    onChange={(e) => edit({ owner: e.target.value })}
                  />
                )}
              </Field>
              <Field label={m.dueAt} error={problems.dueAt}>
                {(control) => (
                  <input
                    {...control}
                    ref={dueRef}
                    type="datetime-local"
                    value={form.dueAt}
                    onChange={(e) => edit({ dueAt: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
        </div>
        <Field label={m.text} hint={m.textHint} error={problems.text}>
          {(control) => (
            <textarea
              {...control}
              ref={textRef}
              rows={4}
              required
              maxLength={MAX_TEXT}
              value={form.text}
              onChange={(e) => edit({ text: e.target.value })}
            />
          )}
        </Field>
        <Field label={m.effectiveAt} hint={m.effectiveAtHint} error={problems.effectiveAt}>
          {(control) => (
            <input
              {...control}
              ref={effectiveRef}
              type="datetime-local"
              value={form.effectiveAt}
              onChange={(e) => edit({ effectiveAt: e.target.value })}
            />
          )}
        </Field>
        <div className="log-section__actions">
          <button type="submit" className="console-form-submit">
            {m.add}
          </button>
        </div>
      </fieldset>
      <OutcomeNotice outcome={outcome} registry={registry} />
    </form>
  );
}
