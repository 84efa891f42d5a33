/** Sign-in page text, in French and English. */
import { withFrenchSpacing } from '../../access/frenchSpacing.ts';

const fr = {
  title: 'Connexion',
  intro: 'Connectez-vous pour suivre la situation et la renseigner selon votre rôle.',
  withPassword: 'Avec votre identifiant',
  login: 'Identifiant',
  password: 'Mot de passe',
  submit: 'Se connecter',
  withCode: 'Avec un code à usage unique',
  codeHint:
    'Le code figure sur la feuille remise par l’administrateur : 12 lettres et chiffres, par exemple ABCD-EFGH-JKMN.',
  code: 'Code à usage unique',
  codeSubmit: 'Utiliser le code',
  exchanging: 'Connexion avec le code de la feuille…',
  signedIn: 'Connecté. Ouverture de la page…',
  badPassword: 'Identifiant ou mot de passe incorrect.',
  badCode: 'Code inconnu, expiré ou déjà utilisé. Demandez un nouveau code à l’administrateur.',
  codeShape: 'Un code compte 12 lettres et chiffres, par exemple ABCD-EFGH-JKMN.',
  refused: 'Ce compte est désactivé ou n’a pas accès. Adressez-vous à l’administrateur.',
  incomplete: 'Renseignez l’identifiant et le mot de passe.',
  publicSummary: 'Synthèse publique (sans compte)',
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Sign in',
  intro: 'Sign in to follow the situation and update it as your role allows.',
  withPassword: 'With your login',
  login: 'Login',
  password: 'Password',
  submit: 'Sign in',
  withCode: 'With a one-time code',
  codeHint: 'The code is on the sheet the administrator gave you: 12 letters and digits, for example ABCD-EFGH-JKMN.',
  code: 'One-time code',
  codeSubmit: 'Use the code',
  exchanging: 'Signing in with the code from the sheet…',
  signedIn: 'Signed in. Opening the page…',
  badPassword: 'Wrong login or password.',
  badCode: 'Unknown, expired or already used code. Ask the administrator for a new one.',
  codeShape: 'A code has 12 letters and digits, for example ABCD-EFGH-JKMN.',
  refused: 'This account is disabled or has no access. Ask the administrator.',
  incomplete: 'Enter the login and the password.',
  publicSummary: 'Public summary (no account needed)',
};

// No line starts with a ";" or a ":" (see frenchSpacing).
export const messages = { fr: withFrenchSpacing(fr), en };
