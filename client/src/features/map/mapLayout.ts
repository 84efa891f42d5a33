/**
 * The whole hospital map laid out for a screen: three panels in one SVG view box (the Paris and
 * petite couronne zoom, Île-de-France, the France inset), their département outlines, the markers
 * and their labels, and the entries listed beside the map. Depends on the registry only (never on
 * statuses), so nothing moves when a status changes. Pure; memoise per registry.
 */
import type { Registry } from '@vigie/shared';
import { assignAreas, ILE_DE_FRANCE, PETITE_COURONNE, type MapArea, type MapSite, type OffMapEntry } from './areas.ts';
import { labelBeside, layoutLabels, type Box, type PlacedLabel } from './layoutLabels.ts';
import {
  extentOf,
  fitProjection,
  franceDepartements,
  idfDepartements,
  mergedIdfOutline,
  pathOf,
  projectSites,
} from './projection.ts';

export type MapVariant = 'wall' | 'overview';

/** Sizes in view units; the SVG scales with its container (viewBox), keeping its proportions. */
export interface MapDesign {
  width: number;
  height: number;
  /** Marker labels. */
  fontSize: number;
  /** Panel titles. */
  titleSize: number;
  /** Radius of a round marker. */
  markerRadius: number;
  panels: Record<MapArea, Box>;
}

/**
 * Wall: a 1920×1080 box, so at full width on a 1920×1080 wall one unit is one CSS pixel (labels
 * 24 px, titles 30 px); labels stay at 16 px or more while the map is at least 1280 px wide. The
 * overview: 1280×760 (labels 16 units) for a desktop panel. The zoom takes the left part, where the
 * sites are densest; Île-de-France and the France inset share the right column.
 */
export const designs: Record<MapVariant, MapDesign> = {
  wall: {
    width: 1920,
    height: 1080,
    fontSize: 24,
    titleSize: 30,
    markerRadius: 12,
    panels: {
      paris: { x: 0, y: 0, width: 1280, height: 1080 },
      idf: { x: 1296, y: 0, width: 624, height: 540 },
      france: { x: 1296, y: 556, width: 624, height: 524 },
    },
  },
  overview: {
    width: 1280,
    height: 760,
    fontSize: 16,
    titleSize: 20,
    markerRadius: 9,
    panels: {
      paris: { x: 0, y: 0, width: 850, height: 760 },
      idf: { x: 862, y: 0, width: 418, height: 374 },
      france: { x: 862, y: 386, width: 418, height: 374 },
    },
  },
};

/** A département outline drawn in a panel. */
export interface MapShape {
  code: string;
  d: string;
  /** Paris in the zoom, the petite couronne in Île-de-France, Île-de-France in the France inset. */
  highlight: boolean;
}

export interface MapMarker {
  site: MapSite;
  x: number;
  y: number;
  label: PlacedLabel;
}

export interface PanelLayout {
  area: MapArea;
  frame: Box;
  /** The band at the top for the title (and, in Île-de-France, the caption of the zoom outline). */
  header: Box;
  /** Where markers and labels go. */
  bounds: Box;
  shapes: MapShape[];
  /** In Île-de-France: the outline of the zoomed part. */
  zoomOutline: string | null;
  markers: MapMarker[];
  /** Site ids whose label found no free place (drawn to the right of the marker anyway). */
  unplaced: string[];
}

export interface MapLayout {
  variant: MapVariant;
  design: MapDesign;
  panels: PanelLayout[];
  offmap: OffMapEntry[];
}

/** Radius labels and leaders keep clear of: the largest marker shape plus a margin. */
export const collisionRadius = (design: MapDesign) => design.markerRadius * 1.3 + 2;

const inset = (b: Box, dx: number, dy: number): Box => ({
  x: b.x + dx,
  y: b.y + dy,
  width: b.width - 2 * dx,
  height: b.height - 2 * dy,
});

function headerOf(area: MapArea, frame: Box, design: MapDesign): Box {
  const lines = design.titleSize * 1.5 + (area === 'idf' ? design.fontSize * 1.4 : 0);
  return { x: frame.x, y: frame.y, width: frame.width, height: lines + design.fontSize * 0.3 };
}

function layoutPanel(area: MapArea, sites: readonly MapSite[], design: MapDesign): PanelLayout {
  const frame = design.panels[area];
  const header = headerOf(area, frame, design);
  const pad = design.fontSize * 0.4;
  const bounds: Box = {
    x: frame.x + pad,
    y: header.y + header.height,
    width: frame.width - 2 * pad,
    height: frame.height - header.height - pad,
  };
  const idf = idfDepartements();
  let fitted: ReturnType<typeof fitProjection>;
  let shapes: { code: string; geometry: (typeof idf)[number]; highlight: boolean }[];
  let zoomOutline: string | null = null;
  if (area === 'paris') {
    // Fit Paris and the zoomed sites, with room around them for labels; the rest is clipped.
    const paris = idf.filter((d) => d.properties.code === '75');
    fitted = fitProjection(extentOf(paris, sites), inset(bounds, design.fontSize * 1.5, design.fontSize * 1));
    shapes = idf.map((d) => ({ code: d.properties.code, geometry: d, highlight: d.properties.code === '75' }));
  } else if (area === 'idf') {
    fitted = fitProjection(extentOf(idf, sites), inset(bounds, pad, pad));
    const inZoom = (code: string) => (PETITE_COURONNE as readonly string[]).includes(code);
    shapes = idf.map((d) => ({ code: d.properties.code, geometry: d, highlight: inZoom(d.properties.code) }));
    zoomOutline = pathOf(fitted, mergedIdfOutline(PETITE_COURONNE));
  } else {
    const france = franceDepartements();
    fitted = fitProjection(extentOf(france, sites), inset(bounds, pad, pad));
    const inIdf = (code: string) => (ILE_DE_FRANCE as readonly string[]).includes(code);
    shapes = france.map((d) => ({ code: d.properties.code, geometry: d, highlight: inIdf(d.properties.code) }));
  }
  const points = projectSites(sites, fitted);
  const settings = { bounds, fontSize: design.fontSize, markerRadius: collisionRadius(design) };
  const requests = points.map((p) => ({ id: p.site.site.id, x: p.x, y: p.y, text: p.site.label }));
  const { placed, unplaced } = layoutLabels(requests, settings);
  const labels = new Map(placed.map((l) => [l.id, l]));
  // Never dropped: an unplaced label goes to the right of its marker, as a last resort.
  const labelOf = (i: number) => {
    const request = requests[i];
    if (request === undefined) throw new Error(`no label request ${i}`);
    return labels.get(request.id) ?? labelBeside(request, settings);
  };
  return {
    area,
    frame,
    header,
    bounds,
    shapes: shapes.map((s) => ({ code: s.code, d: pathOf(fitted, s.geometry), highlight: s.highlight })),
    zoomOutline,
    markers: points.map((p, i) => ({ ...p, label: labelOf(i) })),
    unplaced,
  };
}

/** Lays the registry's map out for a variant. */
export function layoutMap(registry: Registry, variant: MapVariant): MapLayout {
  const design = designs[variant];
  const areas = assignAreas(registry);
  const order: MapArea[] = ['paris', 'idf', 'france'];
  return {
    variant,
    design,
    panels: order.map((area) => layoutPanel(area, areas[area], design)),
    offmap: areas.offmap,
  };
}
