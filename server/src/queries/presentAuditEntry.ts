/** An audit line as a reader sees it: draft text only for those who may read drafts. */
import type { AuditEntry, StatementFields } from '@vigie/shared';

/**
 * Blanks the text of `statement.drafted` / `statement.edited` lines for a reader who may not read
 * drafts (an admin who is not in the cell): the line still says who drafted which statement, when and
 * from where, and still parses with the event's schema, but carries none of the draft's words.
 */
export function presentAuditEntry(entry: AuditEntry, mayReadDrafts: boolean): AuditEntry {
  if (mayReadDrafts || (entry.type !== 'statement.drafted' && entry.type !== 'statement.edited')) return entry;
  const { id } = entry.data as { id: string };
  return { ...entry, data: { id, fields: BLANK_FIELDS } };
}

const BLANK_FIELDS: StatementFields = {
  cause: '',
  powerCut: '',
  expectedReturn: '',
  patientImpact: '',
  samu: '',
  emergencies: '',
  systems: '',
  body: '',
  nextPointAt: null,
};
