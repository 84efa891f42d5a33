/**
 * What a person is typing into an item control (a draft), how it starts from a value and how it
 * becomes the value written; status choices come from the shared scales.
 */
import {
  emergencyStatuses,
  ItemWriteSchema,
  operatingModes,
  responseLevels,
  samuStatuses,
  stageStates,
  systemStatuses,
  type ItemKind,
  type ItemRef,
  type ItemWrite,
} from '@vigie/shared';
import type { KnownValue } from '../../../items/itemWords.ts';
import { isoToParisLocal, parisLocalToIso } from '../../../time/parisTime.ts';

/** The statuses a person may choose for each kind, in scale order. */
export const statusChoices: Record<ItemKind, readonly string[]> = {
  'response-level': responseLevels.ids,
  'operating-mode': operatingModes.ids,
  emergency: emergencyStatuses.ids,
  system: systemStatuses.ids,
  samu: samuStatuses.ids,
  stage: stageStates.ids,
};

/** The fields of a control; all but `status` are for emergency departments (empty strings when unset). */
export interface Draft {
  status: string;
  targetSiteId: string;
  /** A `datetime-local` value in Paris time. */
  nextReviewAt: string;
  note: string;
}

/** The draft a value starts as. */
export function draftOf(value: KnownValue | null): Draft {
  if (!value) return { status: '', targetSiteId: '', nextReviewAt: '', note: '' };
  if (value.kind !== 'emergency') return { status: value.value, targetSiteId: '', nextReviewAt: '', note: '' };
  const v = value.value;
  return {
    status: v.status,
    targetSiteId: v.targetSiteId ?? '',
    nextReviewAt: v.nextReviewAt ? isoToParisLocal(v.nextReviewAt) : '',
    note: v.note ?? '',
  };
}

/** A draft with a new status: the target site only stays for a délestage. */
export const withStatus = (draft: Draft, status: string): Draft => ({
  ...draft,
  status,
  targetSiteId: status === 'delestage' ? draft.targetSiteId : '',
});

/**
 * The write a draft asks for, or null while it is not a valid value (a délestage without a site).
 * An untouched re-evaluation time keeps the exact instant it had (the input only shows minutes).
 */
export function writeOf(ref: ItemRef, draft: Draft, base: KnownValue | null): ItemWrite | null {
  let value: unknown = draft.status;
  if (ref.kind === 'emergency') {
    const before = base?.kind === 'emergency' ? base.value.nextReviewAt : null;
    const nextReviewAt =
      before && draft.nextReviewAt === isoToParisLocal(before)
        ? before
        : draft.nextReviewAt
          ? parisLocalToIso(draft.nextReviewAt)
          : null;
    if (draft.nextReviewAt && !nextReviewAt) return null;
    value = {
      status: draft.status,
      targetSiteId: draft.status === 'delestage' && draft.targetSiteId ? draft.targetSiteId : null,
      nextReviewAt,
      note: draft.note.trim() || null,
    };
  }
  const parsed = ItemWriteSchema.safeParse({ kind: ref.kind, id: ref.id, value });
  return parsed.success ? parsed.data : null;
}
