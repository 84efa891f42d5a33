/**
 * What a screen must flag rather than show as current: a value nobody gave, a "prochain point" that
 * is overdue, an estimated return to normal whose time has passed, a published point that a later
 * estimate contradicts, a value nobody has confirmed for longer than its kind allows. Pure, so the
 * wall, the overview and /synthese flag the same things at the same moment (`now`: the incident's clock).
 */
import type { ItemKind } from './items.ts';
import type { EtaRevision, Incident, Statement, Tracked } from './situation.ts';
import { ms } from './time.ts';

const HOUR = 3_600_000;

/** A registry default is nobody's word: screens show it as "non renseigné", never as a confirmation. */
export const isInformed = (t: Pick<Tracked<unknown>, 'version'>) => t.version > 0;

/**
 * How long a value may go without being set again before screens say it is unconfirmed: a fonctionnement
 * or an emergency department changes by the hour in a crisis, a system's status is reported by monitoring.
 */
export const CONFIRMATION_LIMITS_MS: Record<ItemKind, number | null> = {
  'response-level': 12 * HOUR,
  'operating-mode': 6 * HOUR,
  emergency: 4 * HOUR,
  samu: 4 * HOUR,
  system: 12 * HOUR,
  // Stages move when the technical teams validate them: they have no shelf life.
  stage: null,
};

/** Whether the incident still runs (flags about a live picture mean nothing once back to normal). */
export const isIncidentRunning = (incident: Incident | null): incident is Incident =>
  incident !== null &&
  incident.closedAt === null &&
  incident.phase !== 'retour-normale' &&
  incident.phase !== 'cloture';

/** Something due at `dueAt` and late by `lateMs`. */
export interface Overdue {
  dueAt: string;
  lateMs: number;
}

const overdue = (dueAt: string | null, now: number): Overdue | null =>
  dueAt !== null && now > ms(dueAt) ? { dueAt, lateMs: now - ms(dueAt) } : null;

/** The latest published point de situation, if any. */
export function latestPublished<S extends Pick<Statement, 'status' | 'number'>>(
  statements: Record<string, S> | readonly S[],
): S | null {
  let latest: S | null = null;
  for (const s of Object.values(statements))
    if (s.status === 'published' && (latest === null || (s.number ?? 0) > (latest.number ?? 0))) latest = s;
  return latest;
}

/** The published point's "prochain point", once its time has passed with no newer point. */
export const overdueNextPoint = (point: { fields: { nextPointAt: string | null } } | null, now: number) =>
  point ? overdue(point.fields.nextPointAt, now) : null;

/** The current estimated return to normal, once its target has passed while the incident still runs. */
export function passedEta(eta: readonly EtaRevision[], incident: Incident | null, now: number): Overdue | null {
  const current = eta.at(-1);
  return current && isIncidentRunning(incident) ? overdue(current.targetAt, now) : null;
}

/** When the estimate was revised after the latest published point: what the point announced, what is estimated now. */
export function pointBehindEta(
  point: { publishedAt: string | null; fields: { expectedReturn: string } } | null,
  eta: readonly EtaRevision[],
): { announced: string; current: string; revisedAt: string } | null {
  const current = eta.at(-1);
  if (!point?.publishedAt || !current) return null;
  const revisedAt = current.effectiveAt ?? current.recordedAt;
  if (ms(revisedAt) <= ms(point.publishedAt)) return null;
  return { announced: point.fields.expectedReturn, current: current.label, revisedAt };
}

/**
 * How long a value has gone unconfirmed, when beyond its kind's limit while the incident runs (else
 * null). A registry default is not "unconfirmed": it is not informed at all (`isInformed`).
 */
export function unconfirmedFor(
  kind: ItemKind,
  t: Pick<Tracked<unknown>, 'version' | 'recordedAt' | 'effectiveAt'>,
  incident: Incident | null,
  now: number,
): number | null {
  const limit = CONFIRMATION_LIMITS_MS[kind];
  if (limit === null || !isInformed(t) || !isIncidentRunning(incident)) return null;
  const age = now - ms(t.effectiveAt ?? t.recordedAt);
  return age > limit ? age : null;
}
