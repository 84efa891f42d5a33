/** The console's main-courante section: writing an entry (entry types and verification words come from the shared scales). */
const fr = {
  formTitle: 'Nouvelle entrée',
  type: 'Type d’entrée',
  text: 'Texte',
  textHint: 'Ce qui est su, décidé, fait ou communiqué, avec sa source.',
  verification: 'Vérification',
  owner: 'Responsable de l’action (facultatif)',
  dueAt: 'Échéance (heure de Paris, facultative)',
  effectiveAt: 'Heure effective, si antérieure (heure de Paris, facultative)',
  effectiveAtHint: 'Pour consigner ce qui s’est passé plus tôt ; sinon l’heure d’enregistrement fait foi.',
  add: 'Ajouter à la main courante',
  textRequired: 'Écrivez le texte de l’entrée.',
  badTime: 'Heure illisible : utilisez le sélecteur de date et d’heure.',
  futureTime: 'L’heure effective ne peut pas être dans le futur.',
};

type Messages = typeof fr;

const en: Messages = {
  formTitle: 'New entry',
  type: 'Entry type',
  text: 'Text',
  textHint: 'What is known, decided, done or communicated, with its source.',
  verification: 'Verification',
  owner: 'Action owner (optional)',
  dueAt: 'Due (Paris time, optional)',
  effectiveAt: 'Effective time, if earlier (Paris time, optional)',
  effectiveAtHint: 'To record what happened earlier; otherwise the time it is entered counts.',
  add: 'Add to the log book',
  textRequired: 'Write the entry’s text.',
  badTime: 'Unreadable time: use the date and time picker.',
  futureTime: 'The effective time cannot be in the future.',
};

export const messages = { fr, en };
