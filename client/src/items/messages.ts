/** The words of the situation's items (their names, provenance, a hospital's facts), shared by every screen that shows or writes them. */
const fr = {
  ghu: 'GHU',
  noGhu: 'hors GHU',
  responseLevel: 'Niveau de réponse',
  operatingMode: 'Fonctionnement',
  planBlanc: 'Plan blanc',
  planBlancNone: 'non déclenché pendant cet incident',
  planBlancActive: 'en vigueur',
  planBlancLiftedState: 'levé',
  planBlancTriggered: 'déclenchement {time} par {who}',
  planBlancLifted: 'levée {time} par {who}',
  emergencies: 'Urgences',
  noEmergency: 'Aucun service d’urgences au registre pour cet hôpital.',
  emergencyOf: 'Urgences {kind}',
  systems: 'Systèmes d’information',
  stage: 'Étape',
  initialValue: 'valeur initiale du registre',
  heldBy: 'valeur tenue par {who} (l’automatique ne la change pas)',
  recorded: 'saisi {time}',
};

type Messages = typeof fr;

const en: Messages = {
  ghu: 'GHU',
  noGhu: 'outside any GHU',
  responseLevel: 'Response level',
  operatingMode: 'Operating mode',
  planBlanc: 'Plan blanc',
  planBlancNone: 'not triggered during this incident',
  planBlancActive: 'in force',
  planBlancLiftedState: 'lifted',
  planBlancTriggered: 'triggered {time} by {who}',
  planBlancLifted: 'lifted {time} by {who}',
  emergencies: 'Emergency departments',
  noEmergency: 'No emergency department in the registry for this hospital.',
  emergencyOf: '{kind} emergency department',
  systems: 'Information systems',
  stage: 'Stage',
  initialValue: 'initial value from the registry',
  heldBy: 'value held by {who} (automation does not change it)',
  recorded: 'entered {time}',
};

export const messages = { fr, en };
