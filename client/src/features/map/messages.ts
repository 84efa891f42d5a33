/** The hospital map's interface text in French (default) and English; status words come from the shared scales. */
export const mapMessages = {
  fr: {
    title: 'Carte des hôpitaux : fonctionnement de chaque site',
    summary:
      '{paris} sites dans Paris et la petite couronne, {idf} ailleurs en Île-de-France, {france} hors Île-de-France, {offmap} hors carte.',
    areas: { paris: 'Paris et petite couronne', idf: 'Île-de-France', france: 'Hors Île-de-France' },
    zoomCaption: 'petite couronne : voir le zoom',
    offmap: 'Hors carte',
    closed: 'site fermé',
    reasons: { 'no-site': 'sans site', 'no-coordinates': 'position inconnue', 'outside-map': 'hors des cartes' },
    legend: 'Fonctionnement',
    credit: 'Fond de carte : Natural Earth',
  },
  en: {
    title: 'Hospital map: how each site is operating',
    summary:
      '{paris} sites in Paris and the inner suburbs, {idf} elsewhere in Île-de-France, {france} outside Île-de-France, {offmap} not on the map.',
    areas: { paris: 'Paris and inner suburbs', idf: 'Île-de-France', france: 'Outside Île-de-France' },
    zoomCaption: 'inner suburbs: see the zoom',
    offmap: 'Not on the map',
    closed: 'closed site',
    reasons: { 'no-site': 'no site', 'no-coordinates': 'position unknown', 'outside-map': 'outside the maps' },
    legend: 'Operating mode',
    credit: 'Basemap: Natural Earth',
  },
} as const;

export type MapMessages = (typeof mapMessages)['fr'];
