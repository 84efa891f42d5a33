/** Impact matrix text, in French and English (status words come from the shared scales). */
const fr = {
  title: 'Matrice d’impact',
  caption: 'Systèmes d’information par hôpital',
  keyboardHint:
    'Les flèches parcourent les cellules ; Début et Fin vont en bout de ligne ; Entrée ouvre l’hôpital ; Échap masque le détail.',
  waiting: 'En attente des données…',
  hospital: 'Hôpital',
  ghu: 'GHU',
  noGhu: 'hors GHU',
  down: 'Hors service',
  downHint: 'systèmes indisponibles ou isolés',
  filterGhu: 'GHU',
  filterStage: 'Étape de rétablissement',
  allGhus: 'Tous les GHU',
  allStages: 'Toutes les étapes',
  sortBy: 'Trier par {column}',
  ascending: 'croissant',
  descending: 'décroissant',
  summary: '{hospitals} hôpitaux × {systems} systèmes · tri : {column}, {direction}',
  noSystem: 'Aucun système à cette étape.',
  noHospital: 'Aucun hôpital pour ce filtre.',
  legend: 'Légende',
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Impact matrix',
  caption: 'Information systems by hospital',
  keyboardHint:
    'Arrow keys move between cells; Home and End go to the ends of a row; Enter opens the hospital; Escape hides the details.',
  waiting: 'Waiting for data…',
  hospital: 'Hospital',
  ghu: 'GHU',
  noGhu: 'outside any GHU',
  down: 'Out of service',
  downHint: 'systems unavailable or isolated',
  filterGhu: 'GHU',
  filterStage: 'Recovery stage',
  allGhus: 'All GHUs',
  allStages: 'All stages',
  sortBy: 'Sort by {column}',
  ascending: 'ascending',
  descending: 'descending',
  summary: '{hospitals} hospitals × {systems} systems · sorted by {column}, {direction}',
  noSystem: 'No system at this stage.',
  noHospital: 'No hospital for this filter.',
  legend: 'Key',
};

export const messages = { fr, en };
