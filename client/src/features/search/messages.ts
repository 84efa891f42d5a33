/** Search box text, in French and English. */
const fr = {
  label: 'Rechercher un hôpital, un système ou un SAMU',
  placeholder: 'Hôpital, système, SAMU…',
  results: 'Résultats de la recherche',
  kinds: { hospital: 'hôpital', samu: 'SAMU', system: 'système d’information' },
  samuHost: 'hébergé à {host}',
  matched: 'nom trouvé : {name}',
  none: 'Aucun hôpital, système ou SAMU ne porte ce nom.',
  count: '{count} résultats, flèches haut et bas pour choisir, Entrée pour ouvrir.',
  one: '1 résultat, Entrée pour l’ouvrir.',
  more: 'et {count} autres : précisez la recherche.',
};

type Messages = typeof fr;

const en: Messages = {
  label: 'Search for a hospital, a system or a SAMU',
  placeholder: 'Hospital, system, SAMU…',
  results: 'Search results',
  kinds: { hospital: 'hospital', samu: 'SAMU', system: 'information system' },
  samuHost: 'at {host}',
  matched: 'name found: {name}',
  none: 'No hospital, system or SAMU goes by that name.',
  count: '{count} results, up and down arrows to choose, Enter to open.',
  one: '1 result, Enter to open it.',
  more: 'and {count} more: narrow the search.',
};

export const messages = { fr, en };
