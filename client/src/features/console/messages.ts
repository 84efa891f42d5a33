/** The commander console's frame, shared controls and error sentences, in French and English. */
import type { ErrorCode } from '@vigie/shared';

const fr = {
  title: 'Console de commandement',
  nav: 'Sections de la console',
  sections: {
    hopitaux: 'Hôpitaux',
    groupe: 'Modification groupée',
    samu: 'SAMU et reprise',
    incident: 'Incident et retour à la normale',
    'main-courante': 'Main courante',
    points: 'Points de situation',
    audit: 'Journal d’audit',
  },
  notAllowed: 'La console est réservée aux personnes en charge du commandement.',
  notAllowedHint: 'Connectez-vous avec un compte qui a le rôle Commandement ou Direction de crise.',
  signIn: 'Se connecter',
  toOverview: 'Voir la situation',
  waiting: 'En attente du serveur…',
  noIncident: 'Aucun incident en cours.',
  sending: 'Envoi…',
  saved: 'Enregistré.',
  errors: {
    invalid_payload: 'Saisie refusée',
    unauthorized: 'Session expirée : reconnectez-vous.',
    forbidden: 'Votre rôle ou votre périmètre ne permet pas cette action.',
    conflict: 'Modifié entre-temps : rien n’a été enregistré.',
    not_found: 'Élément introuvable.',
    rate_limited: 'Trop de demandes : réessayez dans un instant.',
    internal:
      'Le serveur n’a pas confirmé l’enregistrement. Réessayez : une même demande n’est jamais enregistrée deux fois.',
  } satisfies Record<ErrorCode, string>,
  /** The refusals a person can meet, in words; any other keeps the server's (English) detail, marked as such. */
  refusals: {
    stageOrder: 'Les étapes précédentes de la reprise ne sont pas encore validées.',
    future: 'Une heure dans le futur ne peut pas être enregistrée.',
    closedSite: 'Le site de délestage choisi est fermé.',
    twice: 'Un même élément figure deux fois dans la modification.',
  },
  technical: 'détail technique',
  recent: 'Vos dernières modifications',
  recentEmpty: 'Aucune modification depuis l’ouverture de la console.',
  undo: 'Annuler cette modification',
  undoConfirm: 'Rétablir les valeurs précédentes de {count} élément(s) ?',
  undone: 'annulée',
  undoOf: 'Annulation : {label}',
  items: '{count} élément(s)',
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Commander console',
  nav: 'Console sections',
  sections: {
    hopitaux: 'Hospitals',
    groupe: 'Bulk change',
    samu: 'SAMU and recovery',
    incident: 'Incident and return to normal',
    'main-courante': 'Crisis log',
    points: 'Situation reports',
    audit: 'Audit trail',
  },
  notAllowed: 'The console is for the people in command.',
  notAllowedHint: 'Sign in with an account that has the Command or Crisis lead role.',
  signIn: 'Sign in',
  toOverview: 'See the situation',
  waiting: 'Waiting for the server…',
  noIncident: 'No incident in progress.',
  sending: 'Sending…',
  saved: 'Saved.',
  errors: {
    invalid_payload: 'Input refused',
    unauthorized: 'Session expired: sign in again.',
    forbidden: 'Your role or scope does not allow this.',
    conflict: 'Changed in the meantime: nothing was saved.',
    not_found: 'Item not found.',
    rate_limited: 'Too many requests: try again in a moment.',
    internal: 'The server did not confirm it. Try again: the same request is never recorded twice.',
  },
  refusals: {
    stageOrder: 'The earlier recovery stages are not validated yet.',
    future: 'A time in the future cannot be recorded.',
    closedSite: 'The diversion site chosen is closed.',
    twice: 'The same item appears twice in the change.',
  },
  technical: 'technical detail',
  recent: 'Your latest changes',
  recentEmpty: 'No change since the console was opened.',
  undo: 'Undo this change',
  undoConfirm: 'Restore the previous values of {count} item(s)?',
  undone: 'undone',
  undoOf: 'Undo: {label}',
  items: '{count} item(s)',
};

export const messages = { fr, en };
