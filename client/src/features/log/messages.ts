/** Main courante text, in French and English (entry types and status words come from the shared scales). */
const fr = {
  title: 'Main courante',
  waiting: 'En attente des données…',
  filter: 'Type d’entrée',
  all: 'Toutes',
  empty: 'Aucune entrée pour l’instant.',
  emptyType: 'Aucune entrée de ce type.',
  shown: '{shown} entrées affichées sur {total} dans la main courante.',
  older: 'Entrées plus anciennes',
  loading: 'Chargement…',
  olderError: 'Les entrées plus anciennes n’ont pas pu être chargées. {reason}',
  owner: 'responsable : {owner}',
  due: 'échéance : {time}',
  recorded: 'saisie {time}',
  print: 'Imprimer',
  printHint: 'la main courante (A4)',
  printedAt: 'Main courante – {incident} – imprimée {time}',
  noIncident: 'hors incident',
  journal: 'Journal automatique',
  journalHint: 'Lignes produites par les changements d’état, tenues à part des entrées écrites par les personnes.',
  journalEmpty: 'Aucun changement d’état enregistré.',
  unreadable: 'valeur illisible',
  outcomes: {
    applied: 'appliqué',
    history: 'gardé dans l’historique (antidaté, une valeur plus récente prime)',
    ignored: 'ignoré : valeur tenue par une personne',
    released: 'rendu à l’automatique',
  },
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Log book',
  waiting: 'Waiting for data…',
  filter: 'Entry type',
  all: 'All',
  empty: 'No entry yet.',
  emptyType: 'No entry of this type.',
  shown: '{shown} of the {total} log book entries shown.',
  older: 'Older entries',
  loading: 'Loading…',
  olderError: 'Older entries could not be loaded. {reason}',
  owner: 'owner: {owner}',
  due: 'due: {time}',
  recorded: 'entered {time}',
  print: 'Print',
  printHint: 'the log book (A4)',
  printedAt: 'Log book – {incident} – printed {time}',
  noIncident: 'no incident',
  journal: 'Automatic journal',
  journalHint: 'Lines produced by state changes, kept apart from the entries people write.',
  journalEmpty: 'No state change recorded.',
  unreadable: 'unreadable value',
  outcomes: {
    applied: 'applied',
    history: 'kept in the history (backdated, a newer value prevails)',
    ignored: 'ignored: value held by a person',
    released: 'handed back to automation',
  },
};

export const messages = { fr, en };
