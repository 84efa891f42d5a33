/**
 * A value the server holds, edited in a form while the live stream may change it underneath: the one
 * behaviour of the console's item control, incident facts, ETA revision and statement editor.
 *
 * Shared by all of them:
 * - the draft starts from the value now (`draftOf(value)`) and follows it while the person edits nothing;
 * - the first change starts an edit, remembering the value and version it began from: a write goes
 *   against that version (the server refuses it if someone wrote meanwhile);
 * - when the value changes while editing, the draft is kept and the change is reported (`meanwhile`, with
 *   who and when if the caller gives the value's provenance) — unless the value now equals the draft:
 *   then there is nothing to tell and the form simply follows the value again;
 * - after a save the form shows what was saved until the copy holds the written version (no flash of
 *   the old value, and no "changed meanwhile" for one's own write), then follows the value again;
 *   a reply never drops a draft changed since it was sent;
 * - `cancel` drops the draft and goes back to the value now.
 *
 * Legitimately per use, passed as options or chosen by the caller:
 * - `draftOf`: how a value becomes what the inputs hold (the ETA form always starts empty: it writes a
 *   new revision after the latest, not a change of it); `same`: when two drafts say the same thing;
 * - `opened`: an editor opened on a value at a version is editing from the start (the statement editor:
 *   "modifié depuis que vous l'avez ouvert"), where the other forms start editing at the first change;
 * - `saved(mark, written)` with the written version and value holds it until the copy shows it; without
 *   them (no version to wait for, or a form that empties after a save) the form follows the value at once;
 * - `acknowledge` keeps the draft and takes the value now as the one it goes against: the ETA form, whose
 *   text does not come from the value, asks the person to read the new revision and resume.
 */
import type { Actor } from '@vigie/shared';
import { useRef, useState } from 'react';

/** Two flat drafts are the same when every field is. */
export const sameFields = <D extends object>(a: D, b: D) =>
  Object.keys({ ...a, ...b }).every((k) => a[k as keyof D] === b[k as keyof D]);

/** Who wrote a value, and when. */
export interface Provenance {
  by: Actor;
  at: string;
}

export interface EditedValueOptions<V, D extends object> {
  /** The server's value now. */
  value: V;
  /** Its version now (what a write's `expectedVersion` is compared with). */
  version: number;
  draftOf: (value: V) => D;
  same?: (a: D, b: D) => boolean;
  /** Who wrote the value now, and when: reported with a change made meanwhile. */
  provenance?: Provenance;
  /** Editing from the start, on this value seen at this version. */
  opened?: { value: V; version: number };
}

interface Edit<V, D> {
  value: V;
  version: number;
  draft: D;
  /** A saved draft, held until the copy reaches its version. */
  held: boolean;
}

export interface EditedValue<V, D extends object> {
  /** What the form shows. */
  draft: D;
  /** The value the edit started from (the value now when not editing). */
  base: V;
  /** The version a write goes against. */
  version: number;
  /** An edit is on screen: being typed, or saved and waiting for the copy. */
  editing: boolean;
  /** The draft on screen was saved and waits for the copy to show it. */
  held: boolean;
  /** The draft being typed differs from the value it started from. */
  changed: boolean;
  /** The value changed since the edit began (and differs from the draft), by whom and when if known. */
  meanwhile: Provenance | { by?: undefined; at?: undefined } | null;
  edit: (next: D | ((draft: D) => D)) => void;
  cancel: () => void;
  acknowledge: () => void;
  /** Before sending: marks the draft sent, for `saved`. */
  mark: () => number;
  /**
   * After a successful write of the marked draft: holds the written value until the copy reaches its
   * version, or follows the value at once without one. False (nothing done) if the draft changed since.
   */
  saved: (mark: number, written?: { version: number; value: V }) => boolean;
}

export function useEditedValue<V, D extends object>(options: EditedValueOptions<V, D>): EditedValue<V, D> {
  const { value, version, draftOf, same = sameFields, provenance, opened } = options;
  const [state, setState] = useState<Edit<V, D> | null>(() =>
    opened ? { value: opened.value, version: opened.version, draft: draftOf(opened.value), held: false } : null,
  );
  // Counts the changes, so a reply knows whether the form still holds what it sent.
  const changes = useRef(0);
  const now = draftOf(value);

  let edit = state;
  // A saved draft is over once the copy shows the write.
  if (edit?.held && version >= edit.version) edit = null;
  // A change meanwhile that says what the draft says leaves nothing to resolve.
  if (edit && !edit.held && version !== edit.version && same(edit.draft, now)) edit = null;
  // Stored at once (React re-renders before painting), so a settled edit never comes back.
  if (edit !== state) setState(edit);

  const draft = edit?.draft ?? now;
  const base = edit ? edit.value : value;
  const set = (next: Edit<V, D> | null) => {
    changes.current += 1;
    setState(next);
  };
  return {
    draft,
    base,
    version: edit ? edit.version : version,
    editing: edit !== null,
    held: edit?.held ?? false,
    changed: edit !== null && !edit.held && !same(edit.draft, draftOf(edit.value)),
    meanwhile: edit && !edit.held && edit.version !== version ? (provenance ?? {}) : null,
    edit: (next) => {
      changes.current += 1;
      // From the latest state, so that two edits before a render both count. An edit of a held draft
      // starts from what was saved, at the version it was written as.
      setState((prev) => {
        const from = prev ?? { value, version, draft: now, held: false };
        const nextDraft = typeof next === 'function' ? next(from.draft) : next;
        return { ...from, draft: nextDraft, held: false };
      });
    },
    cancel: () => set(null),
    acknowledge: () => set(edit && { ...edit, value, version, held: false }),
    mark: () => changes.current,
    saved: (mark, written) => {
      if (changes.current !== mark) return false;
      set(
        written ? { value: written.value, version: written.version, draft: draftOf(written.value), held: true } : null,
      );
      return true;
    },
  };
}
