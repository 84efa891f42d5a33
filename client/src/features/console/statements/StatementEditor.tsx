/**
 * The form of a point de situation: every line and the body editable, labelled, and the time of the
 * next point. A new one is drafted (`statement:draft`); an existing draft is edited with the version
 * it had when it was opened (`statement:edit`), so a change made meanwhile is a conflict.
 */
import { MAX_LINE, MAX_TEXT, type Registry, type Statement, type StatementFields } from '@vigie/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime } from '../../../i18n/time.ts';
import { useLang } from '../../../i18n/useT.ts';
import { Provenance } from '../../status/Provenance.tsx';
import { messages as statementWords } from '../../statements/messages.ts';
import { Field } from '../Field.tsx';
import { isoToParisLocal, parisLocalToIso } from '../../../i18n/parisTime.ts';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { messages } from './messages.ts';

/** The lines of a point de situation, in the order it reads. */
export const STATEMENT_LINES = [
  'cause',
  'powerCut',
  'expectedReturn',
  'patientImpact',
  'samu',
  'emergencies',
  'systems',
] as const satisfies readonly (keyof StatementFields)[];

/** What the editor works on: a new point (its future number, when it was prepared) or a draft seen at a version. */
export type EditorTarget =
  | { kind: 'new'; number: number; preparedAt: number; fields: StatementFields }
  | { kind: 'edit'; statement: Statement; version: number };

type FormValues = Omit<StatementFields, 'nextPointAt'> & { nextPointAt: string };

const formOf = (fields: StatementFields): FormValues => ({
  ...fields,
  nextPointAt: fields.nextPointAt ? isoToParisLocal(fields.nextPointAt) : '',
});

export function StatementEditor({
  target,
  live,
  registry,
  refill,
  onSaved,
  onClose,
}: {
  target: EditorTarget;
  /** The draft as it is now (edits only): to warn when someone changed it since it was opened. */
  live: Statement | null;
  registry: Registry;
  /** Fresh pre-filled fields from the situation now (new points only). */
  refill: () => StatementFields;
  onSaved: () => void;
  onClose: () => void;
}) {
  const lang = useLang();
  const m = messages[lang];
  const words = statementWords[lang];
  const { send, outcome, reset } = useCommand();
  const [form, setForm] = useState<FormValues>(() =>
    formOf(target.kind === 'new' ? target.fields : target.statement.fields),
  );
  const [timeProblem, setTimeProblem] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);
  // Opening the form says what it is: the focus goes to its heading.
  useEffect(() => headingRef.current?.focus(), []);

  const movedOn = target.kind === 'edit' && live !== null && live.version !== target.version;
  const edit = (patch: Partial<FormValues>) => {
    if (outcome.state !== 'sending') reset();
    setTimeProblem(false);
    setForm({ ...form, ...patch });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nextPointAt = form.nextPointAt === '' ? null : parisLocalToIso(form.nextPointAt);
    if (form.nextPointAt !== '' && nextPointAt === null) {
      setTimeProblem(true);
      return timeRef.current?.focus();
    }
    const fields: StatementFields = { ...form, nextPointAt };
    const reply =
      target.kind === 'new'
        ? await send('statement:draft', { fields })
        : await send('statement:edit', { statementId: target.statement.id, fields, expectedVersion: target.version });
    if (reply.ok) onSaved();
  };

  return (
    <form className="statement-editor" onSubmit={(e) => void submit(e)} noValidate>
      <h3 ref={headingRef} tabIndex={-1} className="statement-editor__title">
        {target.kind === 'new'
          ? format(m.editorNew, {
              number: String(target.number),
              time: formatDayTime(new Date(target.preparedAt), lang),
            })
          : format(m.editorEdit, {
              time: formatDayTime(target.statement.draftedAt, lang),
              who: target.statement.draftedBy.name,
            })}
      </h3>
      <div className="statement-editor__lines">
        {STATEMENT_LINES.map((key) => (
          <Field key={key} label={words.fields[key]}>
            {(control) => (
              <textarea
                {...control}
                name={key}
                rows={2}
                maxLength={MAX_LINE}
                value={form[key]}
                onChange={(e) => edit({ [key]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label={words.fields.body} hint={m.bodyHint}>
        {(control) => (
          <textarea
            {...control}
            name="body"
            rows={5}
            maxLength={MAX_TEXT}
            value={form.body}
            onChange={(e) => edit({ body: e.target.value })}
          />
        )}
      </Field>
      <div className="statement-editor__time">
        <Field label={m.nextPointAt} hint={m.nextPointHint} error={timeProblem ? m.badTime : null}>
          {(control) => (
            <input
              {...control}
              ref={timeRef}
              name="nextPointAt"
              type="datetime-local"
              value={form.nextPointAt}
              onChange={(e) => edit({ nextPointAt: e.target.value })}
            />
          )}
        </Field>
      </div>
      {movedOn && live && (
        <p className="statement-editor__moved" role="status">
          {m.changedMeanwhile}
          <Provenance by={live.updatedBy} at={live.updatedAt} /> — {m.changedHint}
        </p>
      )}
      <div className="statements-section__actions">
        <button type="submit" className="console-form-submit" disabled={outcome.state === 'sending'}>
          {target.kind === 'new' ? m.saveDraft : m.saveEdit}
        </button>
        {target.kind === 'new' && (
          <button type="button" onClick={() => edit(formOf(refill()))}>
            {m.refill}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {m.cancel}
        </button>
      </div>
      <OutcomeNotice outcome={outcome} registry={registry} />
    </form>
  );
}
