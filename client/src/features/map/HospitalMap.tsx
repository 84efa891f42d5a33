/**
 * The map of the hospitals: each site at its coordinates with its fonctionnement as colour, icon
 * and short name, on an offline basemap. Paris and the petite couronne are drawn in a zoom panel,
 * the grande couronne in the Île-de-France panel, sites beyond Île-de-France in a France inset; the
 * hospitals without a site and the closed or unlocated sites are listed beside the map. One SVG
 * scales with its container; the layout depends on the registry only (see mapLayout.ts). Every
 * marker and listed name links to its hospital's page.
 */
import { operatingModes, type OperatingMode, type Registry, type Situation } from '@vigie/shared';
import { memo, useId, useMemo, type MouseEvent, type ReactNode } from 'react';
import { navigate } from '../../router/router.ts';
import { format } from '../../i18n/messages.ts';
import { hospitalPath, RouteLink } from '../../router/RouteLink.tsx';
import { NOT_INFORMED, shownLabel, shownStatus, type NotInformed } from '../../items/shownStatus.ts';
import { StatusBadge } from '../../items/StatusBadge.tsx';
import { styleOf, type Tone } from '../../items/statusStyle.ts';
import type { OffMapEntry } from './areas.ts';
import { layoutMap, type MapDesign, type MapMarker, type MapVariant, type PanelLayout } from './mapLayout.ts';
import { mapMessages } from './messages.ts';
import './map.css';

type Lang = 'fr' | 'en';
type Messages = (typeof mapMessages)[Lang];

export interface HospitalMapProps {
  registry: Registry;
  state: Situation;
  lang: Lang;
  variant: MapVariant;
}

type Mode = OperatingMode | NotInformed;
// A registry default is nobody's word: it is drawn "non renseigné", never as normal.
const modeOf = (state: Situation, hospitalId: string) =>
  shownStatus('operating-mode', state.items['operating-mode'][hospitalId]) as Mode;

// Most severe drawn last, on top.
const severity: Record<Tone, number> = { neutral: 0, ok: 1, unknown: 2, watch: 3, degraded: 4, down: 5 };

export function HospitalMap({ registry, state, lang, variant }: HospitalMapProps) {
  const layout = useMemo(() => layoutMap(registry, variant), [registry, variant]);
  const t = mapMessages[lang];
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const { design, panels, offmap } = layout;
  const count = (area: string) => String(panels.find((p) => p.area === area)?.markers.length ?? 0);
  const summary = format(t.summary, {
    paris: count('paris'),
    idf: count('idf'),
    france: count('france'),
    offmap: String(offmap.length),
  });
  return (
    <div className={`hmap hmap--${variant}`} data-map-variant={variant}>
      <svg
        className="hmap__svg"
        viewBox={`0 0 ${design.width} ${design.height}`}
        preserveAspectRatio="xMidYMid meet"
        // A group, not an image: its markers are links.
        role="group"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>{t.title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {panels.map((panel) => (
          <MapPanel key={panel.area} panel={panel} design={design} clipId={`${id}-clip-${panel.area}`} t={t}>
            {[...panel.markers]
              .map((marker) => ({ marker, mode: modeOf(state, marker.site.hospital.id) }))
              .sort((a, b) => severityOf(a.mode) - severityOf(b.mode))
              .map(({ marker, mode }) => (
                <Marker
                  key={marker.site.site.id}
                  marker={marker}
                  mode={mode}
                  area={panel.area}
                  design={design}
                  lang={lang}
                  link={variant !== 'wall'}
                />
              ))}
          </MapPanel>
        ))}
      </svg>
      <div className="hmap__aside">
        <section className="hmap__offmap" data-map-area="offmap" aria-labelledby={`${id}-offmap`}>
          <h3 id={`${id}-offmap`} className="hmap__aside-title">
            {t.offmap}
          </h3>
          <ul>
            {offmap.map((entry) => (
              <OffMapItem
                key={entry.id}
                entry={entry}
                mode={modeOf(state, entry.hospital.id)}
                t={t}
                link={variant !== 'wall'}
              />
            ))}
          </ul>
        </section>
        <section className="hmap__legend" aria-labelledby={`${id}-legend`}>
          <h3 id={`${id}-legend`} className="hmap__aside-title">
            {t.legend}
          </h3>
          <ul>
            {[...operatingModes.ids, NOT_INFORMED].map((mode) => (
              <li key={mode}>
                <StatusBadge kind="operating-mode" status={mode} />
              </li>
            ))}
          </ul>
        </section>
        <p className="hmap__credit">{t.credit}</p>
      </div>
    </div>
  );
}

const severityOf = (mode: Mode) => severity[styleOf('operating-mode', mode as never)[0]];

function MapPanel({
  panel,
  design,
  clipId,
  t,
  children,
}: {
  panel: PanelLayout;
  design: MapDesign;
  clipId: string;
  t: Messages;
  children: ReactNode;
}) {
  const { frame, header } = panel;
  const titleY = header.y + design.titleSize * 1.2;
  return (
    <g className={`hmap__panel hmap__panel--${panel.area}`} data-map-area={panel.area}>
      <Basemap panel={panel} clipId={clipId} />
      <text className="hmap__title" x={frame.x + design.fontSize * 0.5} y={titleY} fontSize={design.titleSize}>
        {t.areas[panel.area]}
      </text>
      {panel.area === 'idf' && !design.compact && (
        <g className="hmap__caption">
          <rect
            className="hmap__zoom"
            x={frame.x + design.fontSize * 0.5}
            y={titleY + design.fontSize * 0.45}
            width={design.fontSize * 1.2}
            height={design.fontSize * 0.8}
          />
          <text x={frame.x + design.fontSize * 2.1} y={titleY + design.fontSize * 1.2} fontSize={design.fontSize}>
            {t.zoomCaption}
          </text>
        </g>
      )}
      {children}
    </g>
  );
}

/** The panel's background and département outlines: they change with the registry only, not with statuses. */
const Basemap = memo(function Basemap({ panel, clipId }: { panel: PanelLayout; clipId: string }) {
  const { frame, header } = panel;
  return (
    <>
      <clipPath id={clipId}>
        <rect x={frame.x} y={frame.y} width={frame.width} height={frame.height} />
      </clipPath>
      <rect className="hmap__frame" x={frame.x} y={frame.y} width={frame.width} height={frame.height} />
      <g clipPath={`url(#${clipId})`}>
        {panel.shapes.map((shape) => (
          <path
            key={shape.code}
            className={shape.highlight ? 'hmap__dep hmap__dep--highlight' : 'hmap__dep'}
            d={shape.d}
            data-departement={shape.code}
          />
        ))}
        {panel.zoomOutline && <path className="hmap__zoom" d={panel.zoomOutline} />}
        <rect className="hmap__header" x={header.x} y={header.y} width={header.width} height={header.height} />
      </g>
    </>
  );
});

function Marker({
  marker,
  mode,
  area,
  design,
  lang,
  link,
}: {
  marker: MapMarker;
  mode: Mode;
  area: PanelLayout['area'];
  design: MapDesign;
  lang: Lang;
  /** False on the wall: an unattended screen must not leave /mur on a stray touch. */
  link: boolean;
}) {
  const [tone, icon] = styleOf('operating-mode', mode as never);
  const { x, y, label, site } = marker;
  const r = design.markerRadius;
  const secondary = site.hospital.sites[0]?.id !== site.site.id;
  const name = secondary ? `${site.label} (${site.hospital.shortName})` : site.label;
  const to = hospitalPath(site.hospital.id);
  const Wrapper = link ? 'a' : 'g';
  return (
    <Wrapper
      className={`hmap__marker hmap__marker--${tone}`}
      {...(link ? { href: to + window.location.search, onClick: (e: MouseEvent<Element>) => routeInPlace(e, to) } : {})}
      data-site={site.site.id}
      data-area={area}
      data-mode={mode}
    >
      <title>{`${name} – ${shownLabel('operating-mode', mode, lang)}`}</title>
      {/* Shown only while the marker has the keyboard focus (the overview's, not the wall's). */}
      <circle className="hmap__focus-ring" cx={x} cy={y} r={r * 1.9} />
      {label.leader && (
        <line
          className="hmap__leader"
          x1={label.leader.x1}
          y1={label.leader.y1}
          x2={label.leader.x2}
          y2={label.leader.y2}
        />
      )}
      <MarkerShape tone={tone} x={x} y={y} r={r} />
      <text className="hmap__glyph" x={x} y={y} dy="0.36em" fontSize={r * 1.25} aria-hidden="true">
        {icon}
      </text>
      <text
        className="hmap__label"
        x={label.text.x}
        y={label.text.y}
        textAnchor={label.text.anchor}
        fontSize={design.fontSize}
      >
        {site.label}
      </text>
    </Wrapper>
  );
}

/** What RouteLink does for an SVG link: a plain click routes in place; modified clicks stay with the browser. */
function routeInPlace(e: MouseEvent<Element>, to: string) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(to);
}

/** A circle, a diamond when degraded, a square when down: the tone reads in the shape too. */
function MarkerShape({ tone, x, y, r }: { tone: Tone; x: number; y: number; r: number }) {
  switch (tone) {
    case 'down':
      return (
        <rect className="hmap__shape" x={x - r * 0.9} y={y - r * 0.9} width={r * 1.8} height={r * 1.8} rx={r * 0.2} />
      );
    case 'degraded': {
      const d = r * 1.25;
      return <polygon className="hmap__shape" points={`${x},${y - d} ${x + d},${y} ${x},${y + d} ${x - d},${y}`} />;
    }
    case 'ok':
    case 'watch':
    case 'unknown':
    case 'neutral':
      return <circle className="hmap__shape" cx={x} cy={y} r={r} />;
  }
}

function OffMapItem({ entry, mode, t, link }: { entry: OffMapEntry; mode: Mode; t: Messages; link: boolean }) {
  const parent =
    entry.kind === 'site' && entry.hospital.sites[0]?.id !== entry.site.id ? ` (${entry.hospital.shortName})` : '';
  const name = link ? (
    <RouteLink to={hospitalPath(entry.hospital.id)} className="hmap__offmap-name">
      {entry.label}
    </RouteLink>
  ) : (
    <span className="hmap__offmap-name">{entry.label}</span>
  );
  if (entry.reason === 'closed') {
    // A closed site has no fonctionnement: it says so in words, with no status colour.
    return (
      <li data-offmap={entry.id} data-closed="">
        {name}
        {parent} – <span className="hmap__closed">{t.closed}</span>
      </li>
    );
  }
  return (
    <li data-offmap={entry.id}>
      {name}
      {parent} <span className="hmap__offmap-reason">({t.reasons[entry.reason]})</span>{' '}
      <StatusBadge kind="operating-mode" status={mode} />
    </li>
  );
}
