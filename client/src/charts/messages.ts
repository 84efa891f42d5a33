/** Chart text in French (default) and English; status words come from the shared scales. */
import type { Lang } from '../store/vigieStore.ts';

const fr = {
  recoveryTitle: 'Rétablissement des systèmes',
  modesTitle: 'Hôpitaux par fonctionnement',
  recoverySummary: 'Rétablissement : {share} (dernier point {time}).',
  recoveryNone: 'Rétablissement : aucune donnée pour l’instant.',
  etaSummary: 'Retour à la normale estimé : {label}{target} ({count} estimation(s)).',
  etaTarget: ', vers {time}',
  etaNone: 'Pas encore d’estimation du retour à la normale.',
  modesSummary: 'Hôpitaux par fonctionnement (dernier point {time}) : {counts}.',
  modesUnknown: 'Inconnu ou non renseigné',
  modesNone: 'Hôpitaux par fonctionnement : aucune donnée pour l’instant.',
  revisionKey: 'estimation révisée',
  targetKey: 'retour à la normale estimé',
  supersededKey: 'estimation remplacée',
  loading: 'Chargement de l’historique…',
  error: 'Historique indisponible pour le moment.',
  empty: 'Pas encore d’historique.',
};

export type ChartMessages = typeof fr;

const en: ChartMessages = {
  recoveryTitle: 'Systems recovery',
  modesTitle: 'Hospitals by operating mode',
  recoverySummary: 'Recovery: {share} (last point {time}).',
  recoveryNone: 'Recovery: no data yet.',
  etaSummary: 'Estimated return to normal: {label}{target} ({count} estimate(s)).',
  etaTarget: ', around {time}',
  etaNone: 'No estimated return to normal yet.',
  modesSummary: 'Hospitals by operating mode (last point {time}): {counts}.',
  modesUnknown: 'Unknown or not reported',
  modesNone: 'Hospitals by operating mode: no data yet.',
  revisionKey: 'estimate revised',
  targetKey: 'estimated return to normal',
  supersededKey: 'superseded estimate',
  loading: 'Loading history…',
  error: 'History unavailable for now.',
  empty: 'No history yet.',
};

export const chartMessages: Record<Lang, ChartMessages> = { fr, en };
