/**
 * Label placement for map markers: pure and deterministic (no DOM measuring), so the same registry
 * gives the same picture on every screen and in tests.
 *
 * Each label has candidate positions: the eight touching its marker (right preferred, then left,
 * the corners, above, below), then positions further out in 24 directions, joined to the marker by
 * a leader line. A candidate is kept only if its box stays inside the view, clear of every marker
 * and obstacle, and no other marker is nearer to it than its own. Placement is greedy, each label
 * taking its cheapest candidate still free (cost: position preference, leader length and direction,
 * and how many neighbours' positions beside their markers it would take); a label left without a
 * place may move the one placed label blocking it elsewhere. A few deterministic orders are tried
 * (most constrained first, most crowded first, centre outwards and inwards, fewest candidates
 * first, west to east and back, north to south and back) and the
 * result with the fewest unplaced labels, then the lowest cost, is kept; unplaced labels are reported.
 */

/** An axis-aligned box, in view units (y down). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A marker at (x, y) whose label is `text`. */
export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  text: string;
}

export interface LabelSettings {
  /** Labels stay inside this box. */
  bounds: Box;
  /** Font size, in view units. */
  fontSize: number;
  /** Collision radius of every marker (labels and leaders keep clear of it). */
  markerRadius: number;
  /** Boxes labels must not cover (titles, captions…). */
  obstacles?: readonly Box[];
  /** Longest distance from a marker to its label, in view units; 12 font sizes by default. */
  maxDistance?: number;
}

/** Where the text goes: its anchor point on the baseline and its alignment. */
export interface LabelText {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface PlacedLabel {
  id: string;
  box: Box;
  text: LabelText;
  /** From the marker's edge to the label's box, when the label is not beside its marker. */
  leader: Segment | null;
}

export interface LabelLayout {
  placed: PlacedLabel[];
  /** Ids of the labels that found no free place (empty for a good layout). */
  unplaced: string[];
}

// Widths per character as a share of the font size, measured on DejaVu Sans (one of the widest
// common sans-serif faces, first in the map's font stack) so that the estimate is never short.
const WIDE_CHAR = 0.78;
const CHAR = 0.62;
const isWide = (c: string) => c !== c.toLowerCase() || c === 'm' || c === 'w';

/** Width of `text` at `fontSize`, estimated from its characters (capitals and m/w count wider). */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const c of text) ems += isWide(c) ? WIDE_CHAR : CHAR;
  return ems * fontSize;
}

/** The box a label of `text` occupies: the text plus a margin for its halo. */
export function labelSize(text: string, fontSize: number): { width: number; height: number } {
  return { width: estimateTextWidth(text, fontSize) + 2 * padding(fontSize), height: 1.3 * fontSize };
}

const padding = (fontSize: number) => 0.15 * fontSize;
/** From the box's top to the baseline: room for accented capitals above, descenders below. */
const baseline = (fontSize: number) => 1.0 * fontSize;

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function boxInside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

const inflate = (b: Box, d: number): Box => ({
  x: b.x - d,
  y: b.y - d,
  width: b.width + 2 * d,
  height: b.height + 2 * d,
});

function distanceToBox(px: number, py: number, b: Box): number {
  return Math.hypot(px - Math.max(b.x, Math.min(px, b.x + b.width)), py - Math.max(b.y, Math.min(py, b.y + b.height)));
}

const circleHitsBox = (cx: number, cy: number, r: number, b: Box) => distanceToBox(cx, cy, b) < r;

function distanceToSegment(px: number, py: number, s: Segment): number {
  const vx = s.x2 - s.x1;
  const vy = s.y2 - s.y1;
  const length2 = vx * vx + vy * vy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.x1) * vx + (py - s.y1) * vy) / length2));
  return Math.hypot(px - (s.x1 + t * vx), py - (s.y1 + t * vy));
}

function segmentsCross(a: Segment, b: Segment): boolean {
  const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const o1 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const o2 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  const o3 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const o4 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  return o1 !== o2 && o3 !== o4;
}

/** Whether a segment enters a box (Liang–Barsky clipping). */
export function segmentHitsBox(s: Segment, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const edges: [number, number][] = [
    [-dx, s.x1 - b.x],
    [dx, b.x + b.width - s.x1],
    [-dy, s.y1 - b.y],
    [dy, b.y + b.height - s.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

interface Candidate {
  box: Box;
  text: LabelText;
  leader: Segment | null;
  cost: number;
}

// Cartographic preference for labels beside their marker: right, left, the four corners, above, below.
const BESIDE = [
  { dx: 1, dy: 0, cost: 0 },
  { dx: -1, dy: 0, cost: 1 },
  { dx: 1, dy: -1, cost: 2 },
  { dx: 1, dy: 1, cost: 2.5 },
  { dx: -1, dy: -1, cost: 3 },
  { dx: -1, dy: 1, cost: 3.5 },
  { dx: 0, dy: -1, cost: 4 },
  { dx: 0, dy: 1, cost: 4.5 },
] as const;
const LEADER_DIRECTIONS = 24;
/** Added for each neighbour's position beside its marker that a candidate would take. */
const INTERFERENCE_COST = 0.75;
/** How many free candidates make a label unconstrained (counting further is wasted work). */
const ENOUGH_CHOICES = 6;

/** The box of a label whose nearest side or corner sits at (px, py), on the side given by (dx, dy). */
function boxAt(px: number, py: number, dx: number, dy: number, width: number, height: number, fontSize: number) {
  const x = dx > 0 ? px : dx < 0 ? px - width : px - width / 2;
  const y = dy > 0 ? py : dy < 0 ? py - height : py - height / 2;
  const box = { x, y, width, height };
  const anchor: LabelText['anchor'] = dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle';
  const tx =
    anchor === 'start' ? x + padding(fontSize) : anchor === 'end' ? x + width - padding(fontSize) : x + width / 2;
  return { box, text: { x: tx, y: y + baseline(fontSize), anchor } };
}

function besideCandidates(request: LabelRequest, settings: LabelSettings): Candidate[] {
  const { fontSize, markerRadius } = settings;
  const { width, height } = labelSize(request.text, fontSize);
  const gap = markerRadius + 0.15 * fontSize;
  return BESIDE.map(({ dx, dy, cost }) => {
    const k = dx !== 0 && dy !== 0 ? Math.SQRT1_2 : 1;
    const at = boxAt(request.x + dx * gap * k, request.y + dy * gap * k, dx, dy, width, height, fontSize);
    return { ...at, leader: null, cost };
  });
}

function leaderCandidates(request: LabelRequest, settings: LabelSettings, outward: { x: number; y: number }) {
  const { fontSize, markerRadius } = settings;
  const { width, height } = labelSize(request.text, fontSize);
  const list: Candidate[] = [];
  const maxDistance = settings.maxDistance ?? 10 * fontSize;
  for (let distance = markerRadius + 1.2 * fontSize; distance <= maxDistance; distance += 0.6 * fontSize) {
    for (let i = 0; i < LEADER_DIRECTIONS; i++) {
      const angle = (2 * Math.PI * i) / LEADER_DIRECTIONS;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const dx = cos > 0.35 ? 1 : cos < -0.35 ? -1 : 0;
      const dy = sin > 0.35 ? 1 : sin < -0.35 ? -1 : 0;
      const at = boxAt(request.x + cos * distance, request.y + sin * distance, dx, dy, width, height, fontSize);
      // The leader ends on the box's side nearest the marker.
      const ex = Math.max(at.box.x, Math.min(request.x, at.box.x + width));
      const ey = Math.max(at.box.y, Math.min(request.y, at.box.y + height));
      const length = Math.hypot(ex - request.x, ey - request.y);
      if (length <= markerRadius) continue;
      const leader = {
        x1: request.x + ((ex - request.x) / length) * markerRadius * 0.8,
        y1: request.y + ((ey - request.y) / length) * markerRadius * 0.8,
        x2: ex,
        y2: ey,
      };
      // Short leaders, horizontal labels and leaders pointing away from the crowd read best.
      const away = (1 - (cos * outward.x + sin * outward.y)) / 2;
      list.push({ ...at, leader, cost: 10 + distance / fontSize + (dx === 0 ? 1 : 0) + 1.5 * away });
    }
  }
  return list;
}

/** Whether a candidate is possible at all, whatever the other labels do. */
function staticallyFree(c: Candidate, own: LabelRequest, requests: readonly LabelRequest[], settings: LabelSettings) {
  const { bounds, markerRadius, fontSize } = settings;
  const clearance = 0.1 * fontSize;
  if (!boxInside(c.box, bounds)) return false;
  const spaced = inflate(c.box, clearance);
  const obstacles = settings.obstacles ?? [];
  if (obstacles.some((o) => boxesOverlap(spaced, o))) return false;
  if (requests.some((m) => circleHitsBox(m.x, m.y, markerRadius, c.box))) return false;
  // Which marker a label belongs to must be obvious: every other marker is further from the label
  // than its own by a marker's radius at least (with a leader: clear of it by half a font size).
  const association = (c.leader === null ? distanceToBox(own.x, own.y, c.box) : 0.5 * fontSize) + markerRadius;
  if (requests.some((m) => m !== own && distanceToBox(m.x, m.y, c.box) < association)) return false;
  const leader = c.leader;
  if (leader === null) return true;
  if (obstacles.some((o) => segmentHitsBox(leader, o))) return false;
  return !requests.some((m) => m !== own && distanceToSegment(m.x, m.y, leader) < markerRadius + clearance);
}

/** Whether two placed labels (boxes and leaders) would clash. */
function clash(a: Candidate, b: Candidate, clearance: number): boolean {
  const spaced = inflate(a.box, clearance);
  if (boxesOverlap(spaced, b.box)) return true;
  if (b.leader && segmentHitsBox(b.leader, spaced)) return true;
  if (a.leader && segmentHitsBox(a.leader, inflate(b.box, clearance))) return true;
  return a.leader !== null && b.leader !== null && segmentsCross(a.leader, b.leader);
}

/** The label to the right of its marker, whatever it covers: the last resort for an unplaced label. */
export function labelBeside(request: LabelRequest, settings: LabelSettings): PlacedLabel {
  const [right] = besideCandidates(request, settings);
  if (right === undefined) throw new Error('BESIDE lists the position to the right first');
  return { id: request.id, box: right.box, text: right.text, leader: null };
}

const byId = (a: LabelRequest, b: LabelRequest) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Places every label it can; the result lists labels in the requests' order. */
export function layoutLabels(requests: readonly LabelRequest[], settings: LabelSettings): LabelLayout {
  const clearance = 0.1 * settings.fontSize;
  const cx = requests.reduce((sum, r) => sum + r.x, 0) / Math.max(1, requests.length);
  const cy = requests.reduce((sum, r) => sum + r.y, 0) / Math.max(1, requests.length);
  const fromCentre = (r: LabelRequest) => Math.hypot(r.x - cx, r.y - cy);
  const beside = new Map(requests.map((r) => [r, besideCandidates(r, settings)]));
  const options = new Map(
    requests.map((r) => {
      const length = fromCentre(r);
      const outward = length > 0 ? { x: (r.x - cx) / length, y: (r.y - cy) / length } : { x: 0, y: 0 };
      const all = [...(beside.get(r) ?? []), ...leaderCandidates(r, settings, outward)].filter((c) =>
        staticallyFree(c, r, requests, settings),
      );
      // A candidate that takes the neighbours' places beside their markers ranks lower.
      const rank = new Map(
        all.map((c) => {
          let taken = 0;
          for (const other of requests) {
            if (other === r) continue;
            for (const b of beside.get(other) ?? []) if (boxesOverlap(c.box, b.box)) taken++;
          }
          return [c, c.cost + INTERFERENCE_COST * taken];
        }),
      );
      return [r, all.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))];
    }),
  );
  const candidatesOf = (r: LabelRequest) => options.get(r) ?? [];

  /** Greedy placement in a fixed order, or most constrained first when `order` is null. */
  function attempt(order: readonly LabelRequest[] | null) {
    const placed = new Map<LabelRequest, Candidate>();
    const free = (c: Candidate, except?: LabelRequest) => {
      for (const [r, p] of placed) if (r !== except && clash(c, p, clearance)) return false;
      return true;
    };
    const choices = (r: LabelRequest) => {
      let n = 0;
      for (const c of candidatesOf(r)) if (free(c) && ++n >= ENOUGH_CHOICES) break;
      return n;
    };
    const waiting = [...(order ?? requests)];
    const unplaced: LabelRequest[] = [];
    while (waiting.length > 0) {
      let index = 0;
      if (order === null) {
        let fewest = Infinity;
        waiting.forEach((r, i) => {
          const n = choices(r);
          if (n < fewest) [index, fewest] = [i, n];
        });
      }
      const [next] = waiting.splice(index, 1);
      if (next === undefined) break;
      const choice = candidatesOf(next).find((c) => free(c));
      if (choice) placed.set(next, choice);
      else unplaced.push(next);
    }
    // Repair: make room for a left-over label by moving the one placed label that blocks it.
    const makeRoom = (r: LabelRequest) => {
      for (const c of candidatesOf(r)) {
        const blockers = [...placed].filter(([, p]) => clash(c, p, clearance));
        const [blocker] = blockers;
        if (blockers.length !== 1 || blocker === undefined) continue;
        const [other, was] = blocker;
        placed.delete(other);
        placed.set(r, c);
        const moved = candidatesOf(other).find((alt) => alt !== was && free(alt, other));
        if (moved) {
          placed.set(other, moved);
          return true;
        }
        placed.delete(r);
        placed.set(other, was);
      }
      return false;
    };
    const left = unplaced.filter((r) => !makeRoom(r));
    let cost = 0;
    for (const c of placed.values()) cost += c.cost;
    return { placed, unplaced: new Set(left), cost };
  }

  const crowding = new Map(
    requests.map((r) => [
      r,
      requests.filter((o) => o !== r && Math.hypot(o.x - r.x, o.y - r.y) < 6 * settings.fontSize).length,
    ]),
  );
  const crowd = (r: LabelRequest) => crowding.get(r) ?? 0;
  const sorted = (compare: (a: LabelRequest, b: LabelRequest) => number) =>
    [...requests].sort((a, b) => compare(a, b) || byId(a, b));
  const strategies = [
    null,
    sorted((a, b) => crowd(b) - crowd(a)),
    sorted((a, b) => fromCentre(a) - fromCentre(b)),
    sorted((a, b) => candidatesOf(a).length - candidatesOf(b).length),
    sorted((a, b) => fromCentre(b) - fromCentre(a)),
    sorted((a, b) => a.x - b.x),
    sorted((a, b) => b.x - a.x),
    sorted((a, b) => a.y - b.y),
    sorted((a, b) => b.y - a.y),
  ];
  let best: ReturnType<typeof attempt> | null = null;
  for (const order of strategies) {
    const result = attempt(order);
    if (
      best === null ||
      result.unplaced.size < best.unplaced.size ||
      (result.unplaced.size === best.unplaced.size && result.cost < best.cost)
    ) {
      best = result;
    }
  }
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const c = best?.placed.get(r);
    if (c) placed.push({ id: r.id, box: c.box, text: c.text, leader: c.leader });
  }
  return { placed, unplaced: requests.filter((r) => best?.unplaced.has(r)).map((r) => r.id) };
}
