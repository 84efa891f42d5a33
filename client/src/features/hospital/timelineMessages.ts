/** A hospital's timeline, in French and English. */
const fr = {
  title: 'Chronologie',
  hint: 'Ses valeurs, les entrées de la main courante qui le nomment et les points de situation publiés qui le mentionnent ; le plus récent d’abord.',
  kinds: { value: 'valeur', log: 'main courante', statement: 'point de situation' },
  by: 'par {who}',
  colon: ' : ',
  statement: 'Point de situation n° {number}',
  empty: 'Rien à signaler pour cet hôpital pendant cet incident.',
  loading: 'chargement…',
  since: 'Affichée depuis {time}.',
  complete: 'Début de l’incident.',
  older: 'Plus ancien',
  olderHint: 'de la chronologie',
  failed: 'Une partie des valeurs n’a pas pu être lue : {reason}.',
  logFailed: 'Les entrées plus anciennes de la main courante n’ont pas pu être lues : {reason}.',
  retry: 'Réessayer',
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Timeline',
  hint: 'Its values, the log book entries naming it and the published situation reports mentioning it; newest first.',
  kinds: { value: 'value', log: 'log book', statement: 'situation report' },
  by: 'by {who}',
  colon: ': ',
  statement: 'Situation report no. {number}',
  empty: 'Nothing to report for this hospital during this incident.',
  loading: 'loading…',
  since: 'Shown since {time}.',
  complete: 'Start of the incident.',
  older: 'Older',
  olderHint: 'in the timeline',
  failed: 'Some values could not be read: {reason}.',
  logFailed: 'Older log book entries could not be read: {reason}.',
  retry: 'Try again',
};

export const timelineMessages = { fr, en };
