/**
 * The whole hospital map laid out for a screen: three panels in one SVG view box (the Paris and
 * petite couronne zoom, Île-de-France, the France inset), their département outlines, the markers
 * and their labels, and the entries listed beside the map. Depends on the registry only (never on
 * statuses), so nothing moves when a status changes. Pure; memoise per registry.
 */
import type { Registry } from '@vigie/shared';
import { assignAreas, ILE_DE_FRANCE, PETITE_COURONNE, type MapArea, type MapSite, type OffMapEntry } from './areas.ts';
import { estimateTextWidth, labelBeside, layoutLabels, type Box, type PlacedLabel } from './layoutLabels.ts';
import { mapMessages } from './messages.ts';
import {
  boundsOf,
  extentOf,
  fisheye,
  fitProjection,
  franceDepartements,
  idfDepartements,
  mergedIdfOutline,
  pathOf,
  projectSites,
  warped,
  type PlanarProjection,
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
  /**
   * Whether the titles are compact: the zoom's title takes a corner (its labels keep clear of it)
   * rather than a band, and Île-de-France has no caption under its title.
   */
  compact: boolean;
  /** Strength of the fisheye on central Paris in the zoom (0: none; see `layoutPanel`). */
  fisheye: number;
  /** How far the zoom's sites are moved towards even spacing across and down (0: not at all; 1: evenly). */
  spread: number;
  panels: Record<MapArea, Box>;
}

/**
 * Wall: a box of the proportions the map has on a 1920×1080 wall (about 640×655 CSS px there,
 * twice that at 3840×2160), so one unit is a little more than one CSS pixel there: labels of 16
 * units render at 16 px or more (32 at 3840×2160). The zoom takes the top, magnified in the middle
 * and its sites spread out (see `zoomProjection`); Île-de-France and the France inset share a strip
 * below. The overview: 1280×760 (labels 16 units) for a desktop panel; the zoom takes the left part,
 * where the sites are densest; Île-de-France and the France inset share the right column.
 */
export const designs: Record<MapVariant, MapDesign> = {
  wall: {
    width: 616,
    height: 640,
    fontSize: 16,
    titleSize: 16,
    markerRadius: 6,
    compact: true,
    fisheye: 1.2,
    spread: 0.7,
    panels: {
      paris: { x: 0, y: 0, width: 616, height: 480 },
      idf: { x: 0, y: 490, width: 270, height: 150 },
      france: { x: 280, y: 490, width: 336, height: 150 },
    },
  },
  overview: {
    width: 1280,
    height: 760,
    fontSize: 16,
    titleSize: 20,
    markerRadius: 9,
    compact: false,
    fisheye: 0,
    spread: 0,
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
  /** Boxes in the bounds that labels keep clear of (a title in a corner). */
  obstacles: Box[];
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

/** Where central Paris is (Notre-Dame): the centre of the zoom's fisheye. */
const PARIS_CENTRE: [number, number] = [2.3499, 48.853];

/** The widest title of an area, in either language (bold: 15% more than the regular estimate). */
export const titleWidth = (area: MapArea, design: MapDesign) =>
  Math.max(...Object.values(mapMessages).map((t) => estimateTextWidth(t.areas[area], design.titleSize) * 1.15));

function headerOf(area: MapArea, frame: Box, design: MapDesign): Box {
  const caption = area === 'idf' && !design.compact;
  const lines = design.titleSize * 1.5 + (caption ? design.fontSize * 1.4 : 0);
  const width = design.compact && area === 'paris' ? titleWidth(area, design) + design.fontSize : frame.width;
  return { x: frame.x, y: frame.y, width, height: lines + design.fontSize * 0.3 };
}

/**
 * The zoom's projection. On the wall, central Paris, where the sites are densest, is magnified by
 * a fisheye (`strength`) and the petite couronne drawn closer to it; the whole is refitted to the
 * box, then the sites are moved towards even spacing across and down (`spread`), the basemap
 * following. The map is schematic: both warps are continuous and one-to-one, so each site stays
 * near its neighbours and on its side of every boundary, but distances and shapes are not to scale;
 * nothing is computed from its geometry (areas come from the registry, see areas.ts).
 */
function zoomProjection(
  extent: ReturnType<typeof extentOf>,
  sites: readonly MapSite[],
  box: Box,
  strength: number,
  spread: number,
): PlanarProjection {
  const plain = fitProjection(extent, box);
  if (strength === 0 && spread === 0) return plain;
  const [cx, cy] = plain(PARIS_CENTRE) ?? [box.x + box.width / 2, box.y + box.height / 2];
  const lens = fisheye(cx, cy, Math.hypot(box.width, box.height) / 2, strength);
  const b = boundsOf(warped(plain, lens), extent);
  const scale = Math.min(box.width / b.width, box.height / b.height);
  const ox = box.x + (box.width - b.width * scale) / 2 - b.x * scale;
  const oy = box.y + (box.height - b.height * scale) / 2 - b.y * scale;
  const magnified = warped(plain, (x, y) => {
    const [u, v] = lens(x, y);
    return [ox + u * scale, oy + v * scale];
  });
  if (spread === 0) return magnified;
  const points = projectSites(sites, magnified);
  const ex = evener(
    points.map((p) => p.x),
    box.x,
    box.x + box.width,
    spread,
  );
  const ey = evener(
    points.map((p) => p.y),
    box.y,
    box.y + box.height,
    spread,
  );
  return warped(magnified, (x, y) => [ex(x), ey(y)]);
}

/**
 * A monotone map of [lo, hi] onto itself that moves `values` towards even spacing (all the way
 * when `share` is 1, not at all when 0), piecewise linear between them; unchanged outside.
 */
function evener(values: readonly number[], lo: number, hi: number, share: number): (v: number) => number {
  const sorted = values.filter((v) => v > lo && v < hi).sort((a, b) => a - b);
  const n = sorted.length;
  const knots: [number, number][] = [[lo, lo]];
  sorted.forEach((v, i) => {
    const even = lo + ((i + 0.5) / n) * (hi - lo);
    const to = (1 - share) * v + share * even;
    const last = knots[knots.length - 1];
    if (last && v <= last[0]) last[1] = (last[1] + to) / 2;
    else knots.push([v, to]);
  });
  knots.push([hi, hi]);
  return (v) => {
    if (v <= lo || v >= hi) return v;
    let i = 1;
    while (i < knots.length - 1 && (knots[i]?.[0] ?? hi) < v) i++;
    const [x0, y0] = knots[i - 1] ?? [lo, lo];
    const [x1, y1] = knots[i] ?? [hi, hi];
    return x1 === x0 ? y0 : y0 + ((v - x0) / (x1 - x0)) * (y1 - y0);
  };
}

function layoutPanel(area: MapArea, sites: readonly MapSite[], design: MapDesign): PanelLayout {
  const frame = design.panels[area];
  const header = headerOf(area, frame, design);
  const pad = design.fontSize * 0.4;
  const corner = design.compact && area === 'paris';
  const top = corner ? frame.y + pad : header.y + header.height;
  const bounds: Box = {
    x: frame.x + pad,
    y: top,
    width: frame.width - 2 * pad,
    height: frame.y + frame.height - pad - top,
  };
  // A title in a corner is no place for labels.
  const obstacles: Box[] = corner ? [header] : [];
  const idf = idfDepartements();
  let fitted: PlanarProjection;
  let shapes: { code: string; geometry: (typeof idf)[number]; highlight: boolean }[];
  let zoomOutline: string | null = null;
  if (area === 'paris') {
    // Fit Paris and the zoomed sites, with room around them for labels; the rest is clipped.
    const paris = idf.filter((d) => d.properties.code === '75');
    // With the title in a corner, the sites stay below it (their labels may go beside it).
    const below = corner ? header.y + header.height - bounds.y : 0;
    const box = corner
      ? inset({ ...bounds, y: bounds.y + below, height: bounds.height - below }, design.fontSize, design.fontSize * 0.5)
      : inset(bounds, design.fontSize * 1.5, design.fontSize * 1);
    fitted = zoomProjection(extentOf(paris, sites), sites, box, design.fisheye, design.spread);
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
  const settings = { bounds, fontSize: design.fontSize, markerRadius: collisionRadius(design), obstacles };
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
    obstacles,
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
