/**
 * The basemap and its projection: a conic conformal with the Lambert-93 parameters, fitted to the
 * extent each view shows. The départements come from the committed TopoJSON files (derived by
 * scripts/build-basemap.mjs from Natural Earth; nothing is fetched at run time). Pure functions.
 */
import {
  geoConicConformal,
  geoPath,
  geoTransform,
  type GeoStream,
  type ExtendedFeature,
  type GeoConicProjection,
  type GeoGeometryObjects,
  type ExtendedFeatureCollection,
  type GeoPermissibleObjects,
  type GeoProjection,
} from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { MapSite } from './areas.ts';
import franceTopo from './data/france.topo.json';
import idfTopo from './data/idf.topo.json';
import type { Box } from './layoutLabels.ts';

type Topology = Parameters<typeof feature>[0];
type GeometryCollection = Exclude<Parameters<typeof merge>[1], readonly unknown[]>;
type Polygons = Extract<Parameters<typeof merge>[1], readonly unknown[]>;
interface DepartementProperties {
  code: string;
  name: string;
}
/** A département outline, in degrees (exterior rings clockwise, as d3-geo reads them). */
export type Departement = ExtendedFeature<
  Extract<GeoGeometryObjects, { type: 'Polygon' | 'MultiPolygon' }>,
  DepartementProperties
>;

interface Basemap {
  topology: Topology;
  departements: Departement[];
}

function load(json: unknown): Basemap {
  // The JSON files are TopoJSON written by scripts/build-basemap.mjs with one object, `departements`.
  const topology = json as Topology;
  const collection = topology.objects['departements'] as GeometryCollection;
  const { features } = feature(topology, collection) as unknown as ExtendedFeatureCollection<Departement>;
  return { topology, departements: features };
}

let basemaps: { idf: Basemap; france: Basemap } | null = null;
const basemap = () => (basemaps ??= { idf: load(idfTopo), france: load(franceTopo) });

/** The 8 Île-de-France départements at full detail. */
export const idfDepartements = (): Departement[] => basemap().idf.departements;

/** The 96 metropolitan départements, simplified. */
export const franceDepartements = (): Departement[] => basemap().france.departements;

/** The union of the given Île-de-France départements (e.g. the petite couronne), as one outline. */
export function mergedIdfOutline(codes: readonly string[]): GeoPermissibleObjects {
  const { topology } = basemap().idf;
  const collection = topology.objects['departements'] as GeometryCollection;
  // merge() takes an array of polygons (its typings also allow a collection, which it does not read).
  const polygons = collection.geometries.filter((g) => codes.includes(String(g.id))) as Polygons;
  return merge(topology, polygons);
}

/** Conic conformal with the Lambert-93 parallels and central meridian (not yet fitted). */
export const lambert93 = (): GeoConicProjection => geoConicConformal().parallels([44, 49]).rotate([-3, 0]);

/** The projection that fits `object` into `box` (view units, y down). */
export function fitProjection(object: GeoPermissibleObjects, box: Box): GeoProjection {
  return lambert93().fitExtent(
    [
      [box.x, box.y],
      [box.x + box.width, box.y + box.height],
    ],
    object,
  );
}

/** A FeatureCollection of outlines plus the sites' points, for fitting a view to both. */
export function extentOf(departements: readonly Departement[], sites: readonly MapSite[]): GeoPermissibleObjects {
  const points: ExtendedFeature = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPoint', coordinates: sites.map((s) => [s.lon, s.lat]) },
  };
  return { type: 'FeatureCollection', features: sites.length > 0 ? [...departements, points] : [...departements] };
}

/** What the map draws with: a projection, possibly followed by a planar warp (see `warped`). */
export interface PlanarProjection {
  (point: [number, number]): [number, number] | null;
  stream(output: GeoStream): GeoStream;
}

/** `projection` followed by `warp`, a planar transform of its output (view units to view units). */
export function warped(
  projection: PlanarProjection,
  warp: (x: number, y: number) => [number, number],
): PlanarProjection {
  const planar = geoTransform({
    point(x, y) {
      const [u, v] = warp(x, y);
      this.stream.point(u, v);
    },
  });
  const project = (point: [number, number]) => {
    const xy = projection(point);
    return xy && warp(xy[0], xy[1]);
  };
  return Object.assign(project, { stream: (output: GeoStream) => projection.stream(planar.stream(output)) });
}

/**
 * A fisheye centred on (cx, cy): a point at distance r moves to r·(1 + k)/(1 + k·r/radius), so the
 * centre is magnified 1 + k times and the outskirts drawn closer together (k = 0: no change).
 */
export function fisheye(cx: number, cy: number, radius: number, k: number) {
  return (x: number, y: number): [number, number] => {
    const r = Math.hypot(x - cx, y - cy);
    const f = (1 + k) / (1 + (k * r) / radius);
    return [cx + (x - cx) * f, cy + (y - cy) * f];
  };
}

/** The bounding box of an object in a projection, in view units. */
export function boundsOf(projection: PlanarProjection, object: GeoPermissibleObjects): Box {
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(object);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** SVG path data of a geometry in a projection, with one decimal (enough at screen scale). */
export function pathOf(projection: PlanarProjection, object: GeoPermissibleObjects): string {
  return geoPath(projection).digits(1)(object) ?? '';
}

/** Where each site falls in a projection, in view units. */
export function projectSites(
  sites: readonly MapSite[],
  projection: PlanarProjection,
): { site: MapSite; x: number; y: number }[] {
  return sites.map((site) => {
    const [x, y] = projection([site.lon, site.lat]) ?? [Number.NaN, Number.NaN];
    return { site, x, y };
  });
}
