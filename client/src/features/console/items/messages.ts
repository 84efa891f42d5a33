/** The per-item control's words (labels, the edit-in-progress notices), in French and English. */
const fr = {
  newValue: 'Nouvelle valeur',
  save: 'Enregistrer',
  discard: 'Abandonner la saisie',
  release: 'Rendre à l’automatique',
  target: 'Délester vers (site ouvert)',
  chooseTarget: '— choisir un site —',
  targetNeeded: 'Choisissez le site vers lequel délester.',
  nextReview: 'Prochaine réévaluation (heure de Paris)',
  note: 'Note',
  nextReviewAt: 'prochaine réévaluation {time}',
  changedMeanwhile:
    'Modifié entre-temps par {who}, {time} : désormais « {value} ». Votre saisie partira contre la version que vous aviez vue et sera refusée.',
  startAgain: 'Repartir de la valeur actuelle',
};

type Messages = typeof fr;

const en: Messages = {
  newValue: 'New value',
  save: 'Save',
  discard: 'Discard the edit',
  release: 'Hand back to automation',
  target: 'Divert to (open site)',
  chooseTarget: '— choose a site —',
  targetNeeded: 'Choose the site to divert to.',
  nextReview: 'Next review (Paris time)',
  note: 'Note',
  nextReviewAt: 'next review {time}',
  changedMeanwhile:
    'Changed meanwhile by {who}, {time}: now “{value}”. Your edit would go against the version you saw and will be refused.',
  startAgain: 'Start again from the current value',
};

export const messages = { fr, en };
