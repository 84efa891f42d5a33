/** Points de situation text, in French and English. */
const fr = {
  title: 'Points de situation',
  titleLatest: 'Dernier point de situation',
  waiting: 'En attente des données…',
  none: 'Aucun point de situation publié.',
  number: 'Point de situation n° {number}',
  published: 'publié {time} par {who}',
  nextPoint: 'Prochain point à {time}',
  print: 'Imprimer',
  printHint: 'les points de situation (A4)',
  printedAt: 'Points de situation – {incident} – imprimés {time}',
  noIncident: 'hors incident',
  fields: {
    cause: 'Cause',
    powerCut: 'Coupure électrique',
    expectedReturn: 'Retour à la normale prévu',
    patientImpact: 'Impact pour les patients',
    samu: 'SAMU – Centre 15',
    emergencies: 'Urgences',
    systems: 'Systèmes d’information',
    body: 'Précisions',
  },
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Situation reports',
  titleLatest: 'Latest situation report',
  waiting: 'Waiting for data…',
  none: 'No situation report published.',
  number: 'Situation report no. {number}',
  published: 'published {time} by {who}',
  nextPoint: 'Next report at {time}',
  print: 'Print',
  printHint: 'the situation reports (A4)',
  printedAt: 'Situation reports – {incident} – printed {time}',
  noIncident: 'no incident',
  fields: {
    cause: 'Cause',
    powerCut: 'Power cut',
    expectedReturn: 'Expected return to normal',
    patientImpact: 'Impact on patients',
    samu: 'SAMU – Centre 15',
    emergencies: 'Emergency departments',
    systems: 'Information systems',
    body: 'Details',
  },
};

export const messages = { fr, en };
