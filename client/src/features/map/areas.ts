/**
 * Which part of the hospital map shows each site: the Paris zoom (Paris and the petite couronne),
 * the Île-de-France view (the grande couronne), the France inset, or the list beside the map.
 * Decided from the registry alone (its `departement` field, never the schematic polygons), so the
 * layout does not move when a status changes. Every hospital appears exactly once per site, or
 * once as a hospital when it has no site: none is dropped.
 */
import type { Hospital, Registry, Site } from '@vigie/shared';

/** The areas drawn on the map; `paris` is the zoom on Paris and the petite couronne. */
export type MapArea = 'idf' | 'paris' | 'france';

/** A site drawn on the map, at its coordinates (degrees). */
export interface MapSite {
  hospital: Hospital;
  site: Site;
  area: MapArea;
  lon: number;
  lat: number;
  /** The short name shown beside the marker. */
  label: string;
}

/** Why an entry is listed beside the map instead of on it. */
export type OffMapReason = 'no-site' | 'closed' | 'no-coordinates' | 'outside-map';

/** A hospital without a site (keyed by hospital id) or a site not drawn (keyed by site id). */
export type OffMapEntry =
  | { kind: 'hospital'; id: string; hospital: Hospital; label: string; reason: 'no-site' }
  | {
      kind: 'site';
      id: string;
      hospital: Hospital;
      site: Site;
      label: string;
      reason: Exclude<OffMapReason, 'no-site'>;
    };

export interface MapAreas {
  idf: MapSite[];
  paris: MapSite[];
  france: MapSite[];
  offmap: OffMapEntry[];
}

interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

export const ILE_DE_FRANCE = ['75', '77', '78', '91', '92', '93', '94', '95'] as const;
/** Paris and the petite couronne: the départements of the zoom. */
export const PETITE_COURONNE = ['75', '92', '93', '94'] as const;

// The basemap's extents (geoBounds of data/*.topo.json) with a margin of about 2 km: a site
// outside them would be drawn off its panel, so it is listed instead.
const PETITE_COURONNE_BOUNDS: Bounds = { west: 2.12, east: 2.63, south: 48.66, north: 49.04 };
const ILE_DE_FRANCE_BOUNDS: Bounds = { west: 1.41, east: 3.57, south: 48.09, north: 49.26 };
const METROPOLITAN_FRANCE_BOUNDS: Bounds = { west: -5.2, east: 9.7, south: 41.3, north: 51.2 };

const within = (b: Bounds, lon: number, lat: number) =>
  lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;

const idf = new Set<string>(ILE_DE_FRANCE);
const petiteCouronne = new Set<string>(PETITE_COURONNE);

/**
 * The short name of a site: the hospital's for its main (first) site, otherwise the site's own
 * name without "Hôpital (de)" and without a parenthesis ("Hôpital de La Roche-Guyon" → "La Roche-Guyon").
 */
export function siteLabel(hospital: Hospital, site: Site): string {
  if (hospital.sites[0]?.id === site.id) return hospital.shortName;
  const short = site.name
    .replace(/^Hôpital\s+(?:de\s+(?:la\s+)?|du\s+|des\s+|d['’]\s*)?/u, '')
    .replace(/\s*\(.*\)\s*$/u, '')
    .trim();
  return short.length > 0 ? short : site.name;
}

/** Splits the registry's sites (and site-less hospitals) between the map's areas and the list beside it. */
export function assignAreas(registry: Registry): MapAreas {
  const areas: MapAreas = { idf: [], paris: [], france: [], offmap: [] };
  for (const hospital of registry.hospitals) {
    if (hospital.sites.length === 0) {
      areas.offmap.push({ kind: 'hospital', id: hospital.id, hospital, label: hospital.shortName, reason: 'no-site' });
      continue;
    }
    for (const site of hospital.sites) {
      const label = siteLabel(hospital, site);
      const offMap = (reason: Exclude<OffMapReason, 'no-site'>) =>
        areas.offmap.push({ kind: 'site', id: site.id, hospital, site, label, reason });
      if (site.closed !== null) {
        offMap('closed');
        continue;
      }
      const { lon, lat } = site;
      if (lon === null || lat === null) {
        offMap('no-coordinates');
        continue;
      }
      const area = areaOf(hospital, site, lon, lat);
      if (area === null) offMap('outside-map');
      else areas[area].push({ hospital, site, area, lon, lat, label });
    }
  }
  return areas;
}

function areaOf(hospital: Hospital, site: Site, lon: number, lat: number): MapArea | null {
  const dep = site.departement;
  const inIdf = dep !== null ? idf.has(dep) : !hospital.outsideIleDeFrance;
  if (inIdf) {
    if ((dep === null || petiteCouronne.has(dep)) && within(PETITE_COURONNE_BOUNDS, lon, lat)) return 'paris';
    if (within(ILE_DE_FRANCE_BOUNDS, lon, lat)) return 'idf';
  }
  return within(METROPOLITAN_FRANCE_BOUNDS, lon, lat) ? 'france' : null;
}
