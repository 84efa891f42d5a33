/** Pairing page text (read on a wall screen, from across a room), in French and English. */
import { withFrenchSpacing } from '../../access/frenchSpacing.ts';

const fr = {
  title: 'Appairage de l’écran mural',
  pairing: 'Appairage de cet écran…',
  paired: 'Écran appairé. Ouverture du mur…',
  expired: 'Ce lien d’appairage a expiré ou a déjà servi.',
  incomplete: 'Ce lien d’appairage est incomplet.',
  askNew: 'Demandez un nouveau lien d’appairage à l’administrateur de Vigie.',
  retry: 'Réessayer',
};

type Messages = typeof fr;

const en: Messages = {
  title: 'Wall screen pairing',
  pairing: 'Pairing this screen…',
  paired: 'Screen paired. Opening the wall…',
  expired: 'This pairing link has expired or was already used.',
  incomplete: 'This pairing link is incomplete.',
  askNew: 'Ask the Vigie administrator for a new pairing link.',
  retry: 'Try again',
};

// No line starts with a ";" or a ":" (see frenchSpacing).
export const messages = { fr: withFrenchSpacing(fr), en };
