/** "Mon compte" text, in French and English. */
import { withFrenchSpacing } from '../../access/frenchSpacing.ts';

const fr = {
  title: 'Mon compte',
  waiting: 'En attente du serveur…',
  notSignedIn: 'Vous n’êtes pas connecté.',
  signIn: 'Se connecter',
  name: 'Nom',
  kind: 'Type',
  person: 'Personne',
  screen: 'Écran mural',
  roles: 'Rôles',
  scope: 'Périmètre',
  password: 'Mot de passe',
  passwordIntro: 'Au moins 12 caractères ; une phrase de plusieurs mots est idéale.',
  currentPassword: 'Mot de passe actuel',
  currentPasswordHint: 'Laissez vide si vous n’en avez pas encore, ou si vous venez de vous connecter avec un code.',
  newPassword: 'Nouveau mot de passe',
  confirmPassword: 'Confirmez le nouveau mot de passe',
  savePassword: 'Enregistrer le mot de passe',
  passwordSaved: 'Mot de passe enregistré.',
  tooShort: 'Le mot de passe doit compter au moins 12 caractères.',
  mismatch: 'Les deux saisies du nouveau mot de passe diffèrent.',
  wrongCurrent: 'Mot de passe actuel incorrect.',
  invalidPassword: 'Mot de passe refusé : au moins 12 caractères, et le mot de passe actuel si vous en avez déjà un.',
  signOut: 'Se déconnecter',
  signOutHint: 'Efface aussi la copie de la situation gardée dans ce navigateur.',
  back: 'Retour à la situation',
  choosePassword: 'Choisissez votre mot de passe',
  choosePasswordIntro:
    'Vous êtes connecté avec votre code à usage unique, qui ne servira plus. Choisissez maintenant un mot de passe : avec lui et votre identifiant (imprimé sur votre feuille), vous vous reconnecterez.',
  continue: 'Continuer',
  later: 'Continuer sans mot de passe (il vous faudra un nouveau code pour vous reconnecter)',
};

type Messages = typeof fr;

const en: Messages = {
  title: 'My account',
  waiting: 'Waiting for the server…',
  notSignedIn: 'You are not signed in.',
  signIn: 'Sign in',
  name: 'Name',
  kind: 'Kind',
  person: 'Person',
  screen: 'Wall screen',
  roles: 'Roles',
  scope: 'Scope',
  password: 'Password',
  passwordIntro: 'At least 12 characters; a phrase of several words is best.',
  currentPassword: 'Current password',
  currentPasswordHint: 'Leave empty if you do not have one yet, or if you have just signed in with a code.',
  newPassword: 'New password',
  confirmPassword: 'Confirm the new password',
  savePassword: 'Save the password',
  passwordSaved: 'Password saved.',
  tooShort: 'The password needs at least 12 characters.',
  mismatch: 'The two entries of the new password differ.',
  wrongCurrent: 'Wrong current password.',
  invalidPassword: 'Password refused: at least 12 characters, and the current password if you already have one.',
  signOut: 'Sign out',
  signOutHint: 'Also wipes the copy of the situation kept in this browser.',
  back: 'Back to the situation',
  choosePassword: 'Choose your password',
  choosePasswordIntro:
    'You are signed in with your one-time code, which will not work again. Choose a password now: with it and your login (printed on your sheet), you will sign in next time.',
  continue: 'Continue',
  later: 'Continue without a password (you will need a new code to sign in again)',
};

// No line starts with a ";" or a ":" (see frenchSpacing).
export const messages = { fr: withFrenchSpacing(fr), en };
