/** Who is connected, and what a screen says when its session is refused or ended, in French and English. */
const fr = {
  openRead: 'Accès libre en lecture',
  openReadHint: 'vous consultez sans compte',
  signIn: 'Se connecter',
  myAccount: 'Mon compte',
  admin: 'Administration',
  console: 'Console',
  signedInAs: 'Connecté en tant que',
  screen: 'Écran',
  signInRequired: 'Connexion requise',
  signInRequiredText: 'La situation est réservée aux personnes connectées. Connectez-vous pour la consulter.',
  forbiddenText: 'Le serveur a refusé la connexion de cette page. Ouvrez Vigie depuis son adresse habituelle.',
  sessionEnded: 'Session terminée',
  signInAgain: 'Se reconnecter',
  wallUnpaired: 'Écran non appairé — demandez un lien d’appairage à l’administrateur.',
  wallOpenRead: 'accès libre en lecture',
};

type Messages = typeof fr;

const en: Messages = {
  openRead: 'Open read access',
  openReadHint: 'you are reading without an account',
  signIn: 'Sign in',
  myAccount: 'My account',
  admin: 'Administration',
  console: 'Console',
  signedInAs: 'Signed in as',
  screen: 'Screen',
  signInRequired: 'Sign-in required',
  signInRequiredText: 'The situation is for signed-in people only. Sign in to see it.',
  forbiddenText: 'The server refused this page’s connection. Open Vigie from its usual address.',
  sessionEnded: 'Session ended',
  signInAgain: 'Sign in again',
  wallUnpaired: 'Screen not paired — ask the administrator for a pairing link.',
  wallOpenRead: 'open read access',
};

export const messages = { fr, en };
