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
    internal: 'Le serveur n’a pas pu enregistrer : rien n’a été modifié.',
  } satisfies Record<ErrorCode, string>,
  conflictBy: 'désormais « {value} », {provenance}',
  reload: 'Repartir de la valeur actuelle',
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
    internal: 'The server could not record it: nothing was changed.',
  },
  conflictBy: 'now “{value}”, {provenance}',
  reload: 'Start again from the current value',
  recent: 'Your latest changes',
  recentEmpty: 'No change since the console was opened.',
  undo: 'Undo this change',
  undoConfirm: 'Restore the previous values of {count} item(s)?',
  undone: 'undone',
  undoOf: 'Undo: {label}',
  items: '{count} item(s)',
};

export const messages = { fr, en };
export type ConsoleMessages = Messages;
