/** Words every access page shares: what went wrong per error code, and roles and scopes in words. */
import { withFrenchSpacing } from './frenchSpacing.ts';

const fr = {
  errors: {
    invalid_payload: 'Saisie invalide : vérifiez les champs.',
    unauthorized: 'Session absente ou expirée : reconnectez-vous.',
    forbidden: 'Cette action ne vous est pas permise.',
    not_found: 'Introuvable : la liste a peut-être changé entre-temps.',
    conflict: 'Conflit : la donnée a changé entre-temps.',
    rate_limited: 'Trop de tentatives, réessayez dans un instant.',
    unavailable: 'Modifications suspendues : bascule de la base en cours, réessayez dans un instant.',
    internal: 'Le serveur ne répond pas ou a rencontré une erreur. Réessayez dans un instant.',
  },
  retryIn: 'Trop de tentatives, réessayez dans {seconds} s.',
  wholeGroup: 'tout le groupe',
  noRole: 'aucun rôle',
};

type Messages = typeof fr;

const en: Messages = {
  errors: {
    invalid_payload: 'Invalid input: check the fields.',
    unauthorized: 'No session or an expired one: sign in again.',
    forbidden: 'You are not allowed to do this.',
    not_found: 'Not found: the list may have changed meanwhile.',
    conflict: 'Conflict: the data changed meanwhile.',
    rate_limited: 'Too many attempts, try again in a moment.',
    unavailable: 'Changes suspended: database failover in progress, try again in a moment.',
    internal: 'The server does not answer or ran into an error. Try again in a moment.',
  },
  retryIn: 'Too many attempts, try again in {seconds} s.',
  wholeGroup: 'the whole group',
  noRole: 'no role',
};

// No line starts with a ";" or a ":" (see frenchSpacing).
export const messages = { fr: withFrenchSpacing(fr), en };
