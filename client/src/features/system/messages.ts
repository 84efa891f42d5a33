/** System page text, in French and English (status words come from the shared scales). */
const fr = {
  back: 'Retour à la vue d’ensemble',
  waiting: 'En attente des données…',
  unknownSystem: 'Système inconnu : « {id} ». Il ne figure pas au registre.',
  hosting: 'Hébergement',
  stage: 'Étape de rétablissement',
  restorationOrder: 'Ordre de rétablissement',
  restorationOrderValue: '{order} sur {max} (1 = rétabli en premier)',
  progress: 'Rétablissement',
  restoredOfAffected: '{restored} rétablis sur {affected} touchés pendant l’incident',
  unknownCount: '{unknown} à l’état inconnu (hors du décompte)',
  noneAffected: 'Aucun hôpital touché pendant l’incident.',
  byStatus: 'Hôpitaux par état',
  hospitals: 'Par hôpital',
  hospital: 'Hôpital',
  ghu: 'GHU',
  noGhu: 'hors GHU',
  status: 'État',
  updated: 'Mise à jour',
  affected: 'Touché',
  yes: 'oui',
  no: 'non',
};

type Messages = typeof fr;

const en: Messages = {
  back: 'Back to the overview',
  waiting: 'Waiting for data…',
  unknownSystem: 'Unknown system: “{id}”. It is not in the registry.',
  hosting: 'Hosting',
  stage: 'Recovery stage',
  restorationOrder: 'Restoration order',
  restorationOrderValue: '{order} of {max} (1 = restored first)',
  progress: 'Recovery',
  restoredOfAffected: '{restored} restored of {affected} affected during the incident',
  unknownCount: '{unknown} in unknown state (not counted)',
  noneAffected: 'No hospital affected during the incident.',
  byStatus: 'Hospitals by status',
  hospitals: 'By hospital',
  hospital: 'Hospital',
  ghu: 'GHU',
  noGhu: 'outside any GHU',
  status: 'Status',
  updated: 'Updated',
  affected: 'Affected',
  yes: 'yes',
  no: 'no',
};

export const messages = { fr, en };
