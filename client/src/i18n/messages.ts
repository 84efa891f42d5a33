/** Interface text in French (default) and English. Status words come from the shared scales, not from here. */
export const messages = {
  fr: {
    appTitle: 'Vigie – situation de crise',
    demo: 'DÉMONSTRATION',
    simulatedTime: 'heure simulée',
    connection: {
      connecting: 'connexion…',
      connected: 'connecté',
      restarting: 'le serveur redémarre…',
      disconnected: 'déconnecté',
    },
    dataAge: 'données confirmées il y a {age}',
    dataNever: 'aucune donnée reçue',
    noIncident: 'Aucun incident en cours',
    hospitals: 'Hôpitaux',
    since: 'depuis {time}',
    publicOnly: 'Synthèse publique',
    lang: 'English',
    waiting: 'En attente des données…',
    updated: 'mis à jour {time} par {who} ({source})',
  },
  en: {
    appTitle: 'Vigie – crisis situation',
    demo: 'DEMONSTRATION',
    simulatedTime: 'simulated time',
    connection: {
      connecting: 'connecting…',
      connected: 'connected',
      restarting: 'server restarting…',
      disconnected: 'disconnected',
    },
    dataAge: 'data confirmed {age} ago',
    dataNever: 'no data received',
    noIncident: 'No incident in progress',
    hospitals: 'Hospitals',
    since: 'since {time}',
    publicOnly: 'Public summary',
    lang: 'Français',
    waiting: 'Waiting for data…',
    updated: 'updated {time} by {who} ({source})',
  },
} as const;

export type Messages = (typeof messages)['fr'];

/** Replaces `{name}` placeholders. */
export const format = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
