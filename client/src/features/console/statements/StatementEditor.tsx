/**
 * The form of a point de situation: every line and the body editable, labelled, and the time of the
 * next point. A new one is drafted (`statement:draft`); an existing draft is edited with the version
 * it had when it was opened (`statement:edit`), so a change made meanwhile is a conflict. The fields
 * are disabled while it is sent; each box is as tall as its text, so nothing pre-filled is hidden.
 */
import { MAX_LINE, MAX_TEXT, statementLines, type Registry, type Statement, type StatementFields } from '@vigie/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { sameFields, useEditedValue } from '../../../hooks/useEditedValue.ts';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime, isoToParisLocal, parisLocalToIso } from '../../../time/parisTime.ts';
import { useLang } from '../../../i18n/useT.ts';
import { messages as statementWords } from '../../../items/statementMessages.ts';
import { ChangedMeanwhile } from '../ChangedMeanwhile.tsx';
import { Field } from '../Field.tsx';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { useFocusAfterSending } from '../useFocusAfterSending.ts';
import { GrowingTextarea } from './GrowingTextarea.tsx';
import { messages } from './messages.ts';

/** What the editor works on: a new point (its future number, when it was prepared) or a draft seen at a version. */
export type EditorTarget =
  | { kind: 'new'; number: number; preparedAt: number; fields: StatementFields }
  | { kind: 'edit'; statement: Statement; version: number };

type FormValues = Omit<StatementFields, 'nextPointAt'> & { nextPointAt: string };

/** The form's values, and the instant its time of the next point was shown from (to send back as it was when untouched). */
interface Draft {
  values: FormValues;
  nextPointFrom: string | null;
}

const draftOf = (fields: StatementFields): Draft => ({
  values: { ...fields, nextPointAt: fields.nextPointAt ? isoToParisLocal(fields.nextPointAt) : '' },
  nextPointFrom: fields.nextPointAt,
});
const sameDraft = (a: Draft, b: Draft) => sameFields(a.values, b.values);

/**
 * The next point's instant from the field's text: the instant it was shown from while the text is
 * unchanged (its seconds, and which 02:xx it was on the night clocks go back, are not in the text);
 * undefined when the text is no time.
 */
function nextPointOf(text: string, shownFrom: string | null): string | null | undefined {
  if (text === '') return null;
  if (shownFrom && text === isoToParisLocal(shownFrom)) return shownFrom;
  return parisLocalToIso(text) ?? undefined;
}

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
  const { send, outcome, reset, sending } = useCommand();
  const focus = useFocusAfterSending(sending);
  // Opened on a draft seen at a version (a new point has none to change underneath it).
  const [opened] = useState(() =>
    target.kind === 'new'
      ? { value: target.fields, version: 0 }
      : { value: target.statement.fields, version: target.version },
  );
  const edited = useEditedValue({
    value: live?.fields ?? opened.value,
    version: live?.version ?? opened.version,
    draftOf,
    same: sameDraft,
    provenance: live ? { by: live.updatedBy, at: live.updatedAt } : undefined,
    opened,
  });
  const draft = edited.draft;
  const form = draft.values;
  const [timeProblem, setTimeProblem] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);
  // Opening the form says what it is: the focus goes to its heading.
  useEffect(() => headingRef.current?.focus(), []);

  const meanwhile = edited.meanwhile;
  const change = (next: (current: Draft) => Draft) => {
    if (!sending) reset();
    setTimeProblem(false);
    edited.edit(next);
  };
  const edit = (patch: Partial<FormValues>) =>
    change((current) => ({ ...current, values: { ...current.values, ...patch } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nextPointAt = nextPointOf(form.nextPointAt, draft.nextPointFrom);
    if (nextPointAt === undefined) {
      setTimeProblem(true);
      return timeRef.current?.focus();
    }
    const fields: StatementFields = { ...form, nextPointAt };
    const sent = edited.mark();
    focus.keep();
    const reply =
      target.kind === 'new'
        ? await send('statement:draft', { fields })
        : await send('statement:edit', { statementId: target.statement.id, fields, expectedVersion: edited.version });
    // Closing the form drops what it holds: only when it holds nothing newer than what was saved.
    if (reply.ok && edited.saved(sent)) onSaved();
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
      <fieldset className="console-fields statement-editor__fields" disabled={sending}>
        <div className="statement-editor__lines">
          {statementLines.map((key) => (
            <Field key={key} label={words.fields[key]}>
              {(control) => (
                <GrowingTextarea
                  {...control}
                  name={key}
                  minRows={3}
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
            <GrowingTextarea
              {...control}
              name="body"
              minRows={5}
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
        {meanwhile?.by && (
          <ChangedMeanwhile
            className="statement-editor__moved"
            lead={m.changedMeanwhile}
            by={meanwhile.by}
            at={meanwhile.at}
            hint={m.changedHint}
          />
        )}
        <div className="statements-section__actions">
          <button type="submit" className="console-form-submit">
            {target.kind === 'new' ? m.saveDraft : m.saveEdit}
          </button>
          {target.kind === 'new' && (
            <button type="button" onClick={() => change(() => draftOf(refill()))}>
              {m.refill}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {m.cancel}
          </button>
        </div>
      </fieldset>
      <OutcomeNotice outcome={outcome} registry={registry} />
    </form>
  );
}
