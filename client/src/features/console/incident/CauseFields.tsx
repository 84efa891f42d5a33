/** The cause of an incident and its sentence, as opening it and revising its facts both ask for them. */
import { causes, MAX_SHORT_TEXT, type Cause } from '@vigie/shared';
import type { ReactNode } from 'react';
import { useLang } from '../../../i18n/useT.ts';
import { Field } from '../Field.tsx';
import { ScaleOptions } from '../ScaleOptions.tsx';
import { messages } from './messages.ts';

export function CauseFields({
  cause,
  causeNote,
  edit,
  current = () => undefined,
}: {
  cause: Cause;
  causeNote: string;
  edit: (change: { cause?: Cause; causeNote?: string }) => void;
  /** "actuellement : …" beside a field whose form value differs from the value now. */
  current?: (field: 'cause' | 'causeNote') => ReactNode;
}) {
  const m = messages[useLang()];
  return (
    <>
      <Field label={m.cause} current={current('cause')}>
        {(control) => (
          <select {...control} value={cause} onChange={(e) => edit({ cause: e.target.value as Cause })}>
            <ScaleOptions scale={causes} />
          </select>
        )}
      </Field>
      <Field label={m.causeNote} hint={m.causeNoteHint} current={current('causeNote')}>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={MAX_SHORT_TEXT}
            value={causeNote}
            onChange={(e) => edit({ causeNote: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
