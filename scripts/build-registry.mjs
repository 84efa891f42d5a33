// Derives the default AP-HP registry (server/registry/aphp.json) from the team's domain data
// (../shared/domain/aphp-hospitals.json and INCIDENT.md). Run: node scripts/build-registry.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourcePath = join(root, '..', 'shared', 'domain', 'aphp-hospitals.json');
const source = JSON.parse(readFileSync(sourcePath, 'utf8'));

const ghus = [];
for (const h of source) {
  if (h.ghu !== 'none' && !ghus.some((g) => g.id === h.ghu)) ghus.push({ id: h.ghu, label: h.ghuLabel });
}

const hospitals = source.map((h) => ({
  id: h.id,
  name: h.name,
  shortName: h.shortName,
  ghuId: h.ghu === 'none' ? null : h.ghu,
  outsideIleDeFrance: h.outsideIleDeFrance,
  sites: h.sites.map((s) => ({
    id: s.id,
    name: s.name,
    address: s.address ?? null,
    postcode: s.postcode ?? null,
    commune: s.commune ?? null,
    departement: s.departement ?? null,
    lat: s.lat ?? null,
    lon: s.lon ?? null,
    coordQuality: s.coordQuality,
    closed: s.closed ?? null,
  })),
  note: h.note ?? null,
}));

// One department per hospital and kind on its main site; "no" declares none.
const confirmation = { yes: 'confirme', unverified: 'non-verifie' };
const emergencyDepartments = source.flatMap((h) =>
  [
    ['adulte', h.adultEmergency],
    ['pediatrique', h.paediatricEmergency],
  ]
    .filter(([, declared]) => declared !== 'no' && h.sites.length > 0)
    .map(([kind, declared]) => ({
      id: `${h.id}-${kind}`,
      hospitalId: h.id,
      siteId: h.sites[0].id,
      kind,
      confirmation: confirmation[declared],
    })),
);

const samuIds = {
  'SAMU de Paris (75)': ['samu-75', 'SAMU de Paris (75)'],
  'SAMU 92': ['samu-92', 'SAMU 92 (Hauts-de-Seine)'],
  'SAMU 93': ['samu-93', 'SAMU 93 (Seine-Saint-Denis)'],
  'SAMU 94': ['samu-94', 'SAMU 94 (Val-de-Marne)'],
};
const samu = source
  .filter((h) => h.samu)
  .map((h) => ({ id: samuIds[h.samu][0], name: samuIds[h.samu][1], hospitalId: h.id, siteId: h.sites[0].id }))
  .sort((a, b) => a.id.localeCompare(b.id));

// The eight systems of INCIDENT.md, with their hosting, stage and restoration order.
const systems = [
  [
    'reseau',
    'Liaisons centre de données – réseau interne',
    'Data centre – internal network links',
    'Réseau',
    'Network',
    'liaison',
    'reseau',
    1,
  ],
  ['internet', 'Accès internet', 'Internet access', 'Internet', 'Internet', 'datacenter', 'reseau', 1],
  [
    'messagerie',
    'Messagerie interne',
    'Internal e-mail and messaging',
    'Messagerie',
    'E-mail',
    'datacenter',
    'messagerie-telephonie',
    2,
  ],
  ['telephonie', 'Téléphonie', 'Telephony', 'Téléphonie', 'Telephony', 'site', 'messagerie-telephonie', 2],
  [
    'dpi',
    'Dossier patient informatisé (ORBIS)',
    'Patient record and clinical system (ORBIS)',
    'DPI ORBIS',
    'ORBIS',
    'datacenter',
    'applications-medicales',
    3,
  ],
  [
    'laboratoire',
    'Résultats de laboratoire (GLIMS, portail)',
    'Laboratory results (GLIMS, portal)',
    'Laboratoire',
    'Laboratory',
    'datacenter',
    'applications-medicales',
    3,
  ],
  [
    'imagerie',
    'Portail de résultats d’imagerie',
    'Imaging results portal',
    'Imagerie',
    'Imaging',
    'datacenter',
    'applications-medicales',
    3,
  ],
  [
    'administratif',
    'Applications administratives (admissions, facturation, RH, finances)',
    'Administrative applications (admissions, billing, HR, finance)',
    'Administratif',
    'Administration',
    'datacenter',
    'applications-administratives',
    4,
  ],
].map(([id, fr, en, shortFr, shortEn, hosting, stage, restorationOrder]) => ({
  id,
  name: { fr, en },
  shortName: { fr: shortFr, en: shortEn },
  hosting,
  stage,
  restorationOrder,
}));

const registry = {
  version: 'aphp-2024-08-v1',
  name: 'AP-HP – Assistance Publique – Hôpitaux de Paris',
  provenance: {
    source:
      'shared/domain/aphp-hospitals.json and shared/domain/INCIDENT.md (team domain data, public sources listed there)',
    derivedBy: 'scripts/build-registry.mjs',
    notes: [
      'Emergency departments: "yes" → confirme, "unverified" → non-verifie, "no" → none; each on the hospital’s main site.',
      'Coordinates keep their coordQuality; estimated_from_address values need checking against FINESS or BAN.',
      'Systems: the eight of INCIDENT.md, hosting and restoration order as described there.',
    ],
  },
  ghus,
  hospitals,
  emergencyDepartments,
  samu,
  systems,
};
writeFileSync(join(root, 'server', 'registry', 'aphp.json'), JSON.stringify(registry, null, 2) + '\n');
console.log(
  `${hospitals.length} hospitals, ${emergencyDepartments.length} emergency departments, ${samu.length} SAMU, ${systems.length} systems`,
);
