/** Points de situation text, in French and English (the lines' labels are shared with the server's public page). */
import { statementFieldLabels } from '@vigie/shared';

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
  fields: statementFieldLabels.fr,
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
  fields: statementFieldLabels.en,
};

export const messages = { fr, en };
