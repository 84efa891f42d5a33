/**
 * A point de situation drafted from the live situation: the cause and its sentence, the power cut,
 * the expected return from the latest ETA revision, the patient impact, the SAMU, emergencies and
 * systems lines, a short summary, and a proposed next point. Pure: the people who publish edit it.
 */
import {
  causes,
  isDegradedMode,
  isSystemUp,
  MAX_LINE,
  ms,
  pairKey,
  phases,
  recoveryStages,
  samuStatuses,
  type EmergencyDepartment,
  type EmergencyValue,
  type Registry,
  type SamuStatus,
  type Situation,
  type StatementFields,
} from '@vigie/shared';
import { format } from '../../../i18n/messages.ts';
import { formatDuration, formatHourMinute, formatWeekdayDate, sameParisDay } from '../../../time/parisTime.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { headlineFacts } from '../../../items/headlineFacts.ts';
import { NOT_INFORMED, shownStatus } from '../../../items/shownStatus.ts';
import { emergencyName, siteName } from '../../../items/itemWords.ts';
import { messages } from './messages.ts';

const HOUR = 3_600_000;
/** Beyond this many hospitals a system is said down "in N hospitals" rather than by name. */
const NAMED_HOSPITALS = 5;

/** "samedi 3 août à 11:00", Paris time. */
function dayAndTime(instant: string | number, lang: Lang): string {
  const at = new Date(instant);
  return format(messages[lang].prefill.at, { day: formatWeekdayDate(at, lang), time: formatHourMinute(at) });
}

/** "à 14:15" on the same Paris day as `reference`, else "dimanche 4 août à 14:15". */
function when(instant: string, reference: string | number, lang: Lang): string {
  const at = new Date(instant);
  if (!sameParisDay(at, reference)) return dayAndTime(instant, lang);
  return format(messages[lang].prefill.sameDay, { time: formatHourMinute(at) });
}

/** A line within the statement's limit (a long list is cut rather than refused on saving). */
const clip = (text: string, max = MAX_LINE) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The proposed time of the next point: the next full hour, plus one hour (11:20 → 13:00). */
export const proposedNextPoint = (now: number) => new Date((Math.floor(now / HOUR) + 2) * HOUR).toISOString();

/** The fields of a new point de situation, in `lang` (French for a published point), at `now` (epoch ms). */
export function prefillStatement(
  state: Situation,
  registry: Registry,
  now: number,
  lang: Lang = 'fr',
): StatementFields {
  const incident = state.incident;
  return {
    cause: incident
      ? clip(`${causes.label(incident.cause, lang)}${incident.causeNote ? ` – ${incident.causeNote}` : ''}`)
      : '',
    powerCut: incident ? clip(powerCutLine(incident.startedAt, incident.powerRestoredAt, lang)) : '',
    expectedReturn: clip(expectedReturnLine(state, lang)),
    patientImpact: clip(incident?.patientImpact ?? ''),
    samu: clip(samuLine(state, registry, lang)),
    emergencies: clip(emergenciesLine(state, registry, now, lang)),
    systems: clip(systemsLine(state, registry, lang)),
    body: summary(state, registry, lang),
    nextPointAt: proposedNextPoint(now),
  };
}

function powerCutLine(startedAt: string, restoredAt: string | null, lang: Lang): string {
  const p = messages[lang].prefill;
  const start = dayAndTime(startedAt, lang);
  if (!restoredAt) return format(p.powerCutOngoing, { start });
  return format(p.powerCutRestored, {
    start,
    end: when(restoredAt, startedAt, lang),
    duration: formatDuration(ms(restoredAt) - ms(startedAt)),
  });
}

function expectedReturnLine(state: Situation, lang: Lang): string {
  const p = messages[lang].prefill;
  const first = state.eta[0];
  const latest = state.eta.at(-1);
  if (!first || !latest) return p.etaNone;
  const current = latest.targetAt
    ? format(p.etaTarget, { label: latest.label, time: dayAndTime(latest.targetAt, lang) })
    : latest.label;
  // Estimates get revised: say what was first announced, as the wall does.
  return state.eta.length > 1 && first.label !== latest.label
    ? format(p.etaFirst, { current, first: first.label })
    : current;
}

function samuLine(state: Situation, registry: Registry, lang: Lang): string {
  const p = messages[lang].prefill;
  const samuWords = (status: string) =>
    status === NOT_INFORMED ? p.samuNotInformed : lower(samuStatuses.label(status as SamuStatus, lang), lang);
  const status = (id: string) => shownStatus('samu', state.items.samu[id]);
  const normal = registry.samu.filter((s) => status(s.id) === 'operationnel');
  if (normal.length === registry.samu.length) {
    // "Non affectés" only when they stayed opérationnel through the incident, as the SAMU panel says.
    const affected = registry.samu.filter((s) => state.affected[s.id]);
    return affected.length === 0
      ? p.samuUnaffected
      : format(p.samuRecovered, { names: affected.map((s) => s.name).join(', ') });
  }
  const list = registry.samu
    .filter((s) => status(s.id) !== 'operationnel')
    .map((s) => format(p.samuOne, { name: s.name, status: samuWords(status(s.id)) }))
    .join(', ');
  return format(p.samuAffected, { list: normal.length > 0 ? format(p.samuOthersNormal, { list }) : list });
}

function emergenciesLine(state: Situation, registry: Registry, now: number, lang: Lang): string {
  const p = messages[lang].prefill;
  const { open, total, notInformed } = headlineFacts(state, registry).emergencies;
  const inStatus = (status: EmergencyValue['status']) =>
    registry.emergencyDepartments.flatMap((department) => {
      const value = state.items.emergency[department.id]?.value;
      return value?.status === status ? [{ department, value }] : [];
    });
  const details = (value: EmergencyValue) => {
    const said = [
      value.nextReviewAt ? format(p.review, { when: when(value.nextReviewAt, now, lang) }) : null,
      value.note,
    ].filter((x): x is string => !!x);
    return said.length > 0 ? ` (${said.join(', ')})` : '';
  };
  const diverted = inStatus('delestage').map(
    ({ department, value }) =>
      format(p.diversion, {
        department: departmentName(department, registry, lang),
        target: value.targetSiteId ? siteName(registry, value.targetSiteId) : '?',
      }) + details(value),
  );
  const closed = inStatus('fermees').map(
    ({ department, value }) => departmentName(department, registry, lang) + details(value),
  );
  const parts = [
    format(p.emergencies, { open: String(open), total: String(total) }),
    notInformed > 0 ? format(p.emergenciesNotInformed, { count: String(notInformed) }) : null,
    diverted.length > 0 ? format(p.diversions, { list: diverted.join(', ') }) : null,
    closed.length > 0 ? format(p.closed, { list: closed.join(', ') }) : null,
  ].filter((x): x is string => x !== null);
  return `${parts.join(' ; ')}.`;
}

function departmentName(department: EmergencyDepartment, registry: Registry, lang: Lang): string {
  const hospital = registry.hospitals.find((h) => h.id === department.hospitalId)?.shortName ?? department.hospitalId;
  return format(messages[lang].prefill.department, {
    hospital,
    kind: lower(emergencyName(department.kind, lang), lang),
  });
}

function systemsLine(state: Situation, registry: Registry, lang: Lang): string {
  const p = messages[lang].prefill;
  let affected = 0;
  let restored = 0;
  const down: string[] = [];
  for (const system of registry.systems) {
    const where: string[] = [];
    for (const hospital of registry.hospitals) {
      const key = pairKey(hospital.id, system.id);
      if (!state.affected[key]) continue;
      affected += 1;
      const status = state.items.system[key]?.value;
      if (status !== undefined && isSystemUp(status)) restored += 1;
      else where.push(hospital.shortName);
    }
    if (where.length === 0) continue;
    const place =
      where.length === registry.hospitals.length && where.length > 1
        ? p.everywhere
        : where.length > NAMED_HOSPITALS
          ? format(p.hospitalCount, { count: String(where.length) })
          : where.join(', ');
    down.push(format(p.systemIn, { system: system.shortName[lang], where: place }));
  }
  if (affected === 0) return p.systemsNone;
  const counts = { restored: String(restored), affected: String(affected) };
  return down.length === 0
    ? format(p.systemsAllBack, counts)
    : format(p.systemsDown, { ...counts, list: down.join(', ') });
}

function summary(state: Situation, registry: Registry, lang: Lang): string {
  const p = messages[lang].prefill;
  const incident = state.incident;
  const planBlanc = registry.hospitals.filter((h) => state.items['response-level'][h.id]?.value === 'niveau-2');
  const degraded = registry.hospitals.filter((h) => {
    const mode = state.items['operating-mode'][h.id]?.value;
    return mode !== undefined && isDegradedMode(mode);
  });
  const total = String(registry.hospitals.length);
  const stages = recoveryStages.ids.filter((id) => state.items.stage[id]?.value === 'en-cours');
  return [
    incident ? format(p.phase, { phase: phases.label(incident.phase, lang) }) : null,
    planBlanc.length > 0 ? format(p.planBlanc, { names: planBlanc.map((h) => h.shortName).join(', ') }) : null,
    degraded.length === 0
      ? p.allNormal
      : degraded.length === 1
        ? format(p.degradedOne, { total })
        : format(p.degradedMany, { count: String(degraded.length), total }),
    stages.length > 0
      ? format(p.stages, { stages: stages.map((id) => recoveryStages.label(id, lang)).join(', ') })
      : null,
  ]
    .filter((x): x is string => x !== null)
    .join(' ');
}

/** "Dégradé" → "dégradé" inside a French sentence; English keeps its capitals. */
const lower = (text: string, lang: Lang) => (lang === 'fr' ? text.toLocaleLowerCase('fr') : text);
