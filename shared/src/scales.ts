/**
 * The scales Vigie uses: ids, order and labels of every status word, in the words of French hospital
 * crisis cells (plan blanc levels, fonctionnement, délestage…). This file is the product's reference
 * for them: no other module spells a status word; everything refers to these ids.
 */
import { z } from 'zod';

/** A scale value: its stable id and its French and English labels. */
export interface ScaleValue<Id extends string = string> {
  readonly id: Id;
  readonly fr: string;
  readonly en: string;
}

export function scale<const Id extends string>(values: readonly ScaleValue<Id>[]) {
  const ids = values.map((v) => v.id) as [Id, ...Id[]];
  return {
    values,
    ids,
    schema: z.enum(ids),
    label: (id: Id, lang: 'fr' | 'en') => values.find((v) => v.id === id)?.[lang] ?? id,
    rank: (id: Id) => ids.indexOf(id),
  };
}

/** Niveau de réponse, per hospital (the group's is the highest). */
export const responseLevels = scale([
  { id: 'gestion-courante', fr: 'Gestion courante', en: 'Business as usual' },
  { id: 'niveau-1', fr: 'Niveau 1 – Plan de mobilisation interne', en: 'Level 1 – Internal mobilisation plan' },
  { id: 'niveau-2', fr: 'Niveau 2 – Plan blanc', en: 'Level 2 – Plan blanc (hospital emergency plan)' },
] as const);
export type ResponseLevel = (typeof responseLevels.ids)[number];

/** Fonctionnement, per hospital. */
export const operatingModes = scale([
  { id: 'normal', fr: 'Normal', en: 'Normal' },
  { id: 'ralenti-maitrise', fr: 'Ralenti – maîtrisé', en: 'Slowed – under control' },
  { id: 'procedures-degradees', fr: 'Procédures dégradées (papier)', en: 'Degraded procedures (paper)' },
  { id: 'critique', fr: 'Critique', en: 'Critical' },
  { id: 'inconnu', fr: 'Inconnu', en: 'Unknown' },
] as const);
export type OperatingMode = (typeof operatingModes.ids)[number];
/** "En mode dégradé": any operating mode but normal and inconnu. */
export const isDegradedMode = (mode: OperatingMode) => mode !== 'normal' && mode !== 'inconnu';

/** Urgences, per emergency department. */
export const emergencyStatuses = scale([
  { id: 'ouvertes-normal', fr: 'Ouvertes – fonctionnement normal', en: 'Open – normal operation' },
  { id: 'ouvertes-ralenti', fr: 'Ouvertes – activité ralentie', en: 'Open – slowed activity' },
  { id: 'acces-regule', fr: 'Accès régulé (appel préalable au 15)', en: 'Regulated access (call 15 first)' },
  { id: 'delestage', fr: 'Délestage vers', en: 'Diverting to' },
  { id: 'fermees', fr: 'Fermées temporairement', en: 'Temporarily closed' },
  { id: 'inconnu', fr: 'Inconnu', en: 'Unknown' },
] as const);
export type EmergencyStatus = (typeof emergencyStatuses.ids)[number];
/** "Ouvertes": the first three emergency statuses. */
export const isEmergencyOpen = (s: EmergencyStatus) =>
  s === 'ouvertes-normal' || s === 'ouvertes-ralenti' || s === 'acces-regule';

/** Système d'information, per hospital × system. */
export const systemStatuses = scale([
  { id: 'operationnel', fr: 'Opérationnel', en: 'Operational' },
  { id: 'degrade', fr: 'Dégradé', en: 'Degraded' },
  { id: 'indisponible', fr: 'Indisponible', en: 'Unavailable' },
  { id: 'isole', fr: 'Isolé (coupure volontaire)', en: 'Isolated (cut on purpose)' },
  { id: 'en-cours-de-retablissement', fr: 'En cours de rétablissement', en: 'Being restored' },
  { id: 'retabli-sous-surveillance', fr: 'Rétabli – sous surveillance', en: 'Restored – under watch' },
  { id: 'inconnu', fr: 'Inconnu', en: 'Unknown' },
] as const);
export type SystemStatus = (typeof systemStatuses.ids)[number];
/** A system counts as back when opérationnel or rétabli – sous surveillance. */
export const isSystemUp = (s: SystemStatus) => s === 'operationnel' || s === 'retabli-sous-surveillance';

/** SAMU – Centre 15, per SAMU. */
export const samuStatuses = scale([
  { id: 'operationnel', fr: 'Opérationnel', en: 'Operational' },
  { id: 'degrade', fr: 'Dégradé', en: 'Degraded' },
  { id: 'indisponible', fr: 'Indisponible', en: 'Unavailable' },
  { id: 'inconnu', fr: 'Inconnu', en: 'Unknown' },
] as const);
export type SamuStatus = (typeof samuStatuses.ids)[number];

/** Étape de rétablissement, per recovery stage. */
export const stageStates = scale([
  { id: 'a-venir', fr: 'À venir', en: 'Upcoming' },
  { id: 'en-cours', fr: 'En cours', en: 'In progress' },
  { id: 'validee', fr: 'Validée', en: 'Validated' },
] as const);
export type StageState = (typeof stageStates.ids)[number];

/** The recovery stages, in the order they are run and checked. */
export const recoveryStages = scale([
  { id: 'reseau', fr: 'Réseau', en: 'Network' },
  { id: 'messagerie-telephonie', fr: 'Messagerie et téléphonie', en: 'Messaging and telephony' },
  { id: 'applications-medicales', fr: 'Applications médicales', en: 'Medical applications' },
  { id: 'applications-administratives', fr: 'Applications administratives', en: 'Administrative applications' },
] as const);
export type RecoveryStage = (typeof recoveryStages.ids)[number];

/** Cause of the incident. */
export const causes = scale([
  { id: 'technique', fr: 'Technique', en: 'Technical' },
  { id: 'cyber-suspectee', fr: 'Cyber – suspectée', en: 'Cyber – suspected' },
  { id: 'cyber-confirmee', fr: 'Cyber – confirmée', en: 'Cyber – confirmed' },
  { id: 'sabotage', fr: 'Sabotage', en: 'Sabotage' },
  { id: 'indeterminee', fr: 'Indéterminée – en cours de qualification', en: 'Undetermined – being qualified' },
] as const);
export type Cause = (typeof causes.ids)[number];

/** Phase of the incident. */
export const phases = scale([
  { id: 'alerte', fr: 'Alerte', en: 'Alert' },
  { id: 'qualification', fr: 'Qualification', en: 'Qualification' },
  { id: 'endiguement', fr: 'Endiguement', en: 'Containment' },
  { id: 'retablissement', fr: 'Rétablissement', en: 'Recovery' },
  { id: 'retour-normale', fr: 'Retour à la normale', en: 'Back to normal' },
  { id: 'cloture', fr: 'Clôturé', en: 'Closed' },
] as const);
export type Phase = (typeof phases.ids)[number];

/** Incident types. */
export const incidentTypes = scale([
  { id: 'sse-numerique', fr: 'SSE – incident numérique', en: 'Exceptional health situation – IT incident' },
] as const);
export type IncidentType = (typeof incidentTypes.ids)[number];

/** Main-courante entry types written by people. */
export const logEntryTypes = scale([
  { id: 'information', fr: 'Information', en: 'Information' },
  { id: 'decision', fr: 'Décision', en: 'Decision' },
  { id: 'action', fr: 'Action', en: 'Action' },
  { id: 'communication', fr: 'Communication', en: 'Communication' },
] as const);
export type LogEntryType = (typeof logEntryTypes.ids)[number];

/** Verification state of an information entry. */
export const verifications = scale([
  { id: 'a-verifier', fr: 'À vérifier', en: 'To be checked' },
  { id: 'verifiee', fr: 'Vérifiée', en: 'Checked' },
] as const);
export type Verification = (typeof verifications.ids)[number];

/** Whether a registry fact (an emergency department's existence) is confirmed by a source. */
export const confirmations = scale([
  { id: 'confirme', fr: 'Confirmé', en: 'Confirmed' },
  { id: 'non-verifie', fr: 'Non vérifié', en: 'Not verified' },
] as const);
export type Confirmation = (typeof confirmations.ids)[number];

/** Emergency department kinds. */
export const emergencyKinds = scale([
  { id: 'adulte', fr: 'Adultes', en: 'Adult' },
  { id: 'pediatrique', fr: 'Pédiatriques', en: 'Paediatric' },
] as const);
export type EmergencyKind = (typeof emergencyKinds.ids)[number];

/** Where an information system is hosted. */
export const hostings = scale([
  { id: 'datacenter', fr: 'Centre de données de l’hébergeur', en: 'Provider data centre' },
  { id: 'site', fr: 'Sur site', en: 'On site' },
  { id: 'liaison', fr: 'Liaisons réseau', en: 'Network links' },
] as const);
export type Hosting = (typeof hostings.ids)[number];

/** Who is behind a write. */
export const actorKinds = scale([
  // Shown as the source after a name: "par Claire Martin (personne)".
  { id: 'person', fr: 'personne', en: 'person' },
  { id: 'scenario', fr: 'scénario', en: 'scenario' },
  { id: 'integration', fr: 'intégration', en: 'integration' },
  // Wall screens read; they never write, so this kind names a reader, never an author.
  { id: 'screen', fr: 'écran mural', en: 'wall screen' },
  { id: 'system', fr: 'registre', en: 'registry' },
] as const);
export type ActorKind = (typeof actorKinds.ids)[number];

/** Who may read what: public (published statement only), viewer (no drafts), staff (drafts too). */
export const audiences = scale([
  { id: 'public', fr: 'Public', en: 'Public' },
  { id: 'viewer', fr: 'Lecture', en: 'Viewer' },
  { id: 'staff', fr: 'Cellule de crise', en: 'Crisis staff' },
] as const);
export type Audience = (typeof audiences.ids)[number];
