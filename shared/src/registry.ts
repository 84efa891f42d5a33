/**
 * The registry: the organisation an incident is tracked over (hospitals, sites, emergency
 * departments, SAMU, information systems). Data a user can edit, validated on load.
 */
import { z } from 'zod';
import { confirmations, emergencyKinds, hostings, recoveryStages } from './scales.ts';

const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case id (a-z, 0-9, -)');
const LabelSchema = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();

/** A physical site; lat/lon are null where no coordinates are known; `closed` says since when. */
export const SiteSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1),
    address: z.string().nullable(),
    postcode: z.string().nullable(),
    commune: z.string().nullable(),
    departement: z.string().nullable(),
    lat: z.number().min(-90).max(90).nullable(),
    lon: z.number().min(-180).max(180).nullable(),
    coordQuality: z.string(),
    closed: z.string().nullable(),
  })
  .strict();
export type Site = z.infer<typeof SiteSchema>;

/** A university hospital group (GHU). */
export const GhuSchema = z.object({ id: IdSchema, label: z.string().min(1) }).strict();
export type Ghu = z.infer<typeof GhuSchema>;

/** A hospital: its GHU (null outside any), its sites (the first is the main site; may be empty). */
export const HospitalSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1),
    shortName: z.string().min(1),
    ghuId: IdSchema.nullable(),
    outsideIleDeFrance: z.boolean(),
    sites: z.array(SiteSchema),
    note: z.string().nullable(),
  })
  .strict();
export type Hospital = z.infer<typeof HospitalSchema>;

/** An emergency department: one per hospital and kind, on a site, confirmed or not verified. */
export const EmergencyDepartmentSchema = z
  .object({
    id: IdSchema,
    hospitalId: IdSchema,
    siteId: IdSchema,
    kind: emergencyKinds.schema,
    confirmation: confirmations.schema,
  })
  .strict();
export type EmergencyDepartment = z.infer<typeof EmergencyDepartmentSchema>;

/** A SAMU – Centre 15 and the site hosting it. */
export const SamuSchema = z
  .object({ id: IdSchema, name: z.string().min(1), hospitalId: IdSchema, siteId: IdSchema })
  .strict();
export type Samu = z.infer<typeof SamuSchema>;

/** An information system: its hosting, its recovery stage and its place in the restoration order (1 = first). */
export const InformationSystemSchema = z
  .object({
    id: IdSchema,
    name: LabelSchema,
    shortName: LabelSchema,
    hosting: hostings.schema,
    stage: recoveryStages.schema,
    restorationOrder: z.number().int().min(1),
  })
  .strict();
export type InformationSystem = z.infer<typeof InformationSystemSchema>;

/** The whole registry, with its version (stored with each log) and where its data comes from. */
export const RegistrySchema = z
  .object({
    version: z.string().min(1),
    name: z.string().min(1),
    provenance: z.object({ source: z.string(), derivedBy: z.string(), notes: z.array(z.string()) }).strict(),
    ghus: z.array(GhuSchema),
    hospitals: z.array(HospitalSchema).min(1),
    emergencyDepartments: z.array(EmergencyDepartmentSchema),
    samu: z.array(SamuSchema),
    systems: z.array(InformationSystemSchema).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = (name: string, ids: string[]) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) issue([name, i, 'id'], `duplicate id "${id}"`);
        seen.add(id);
      });
    };
    const sites = r.hospitals.flatMap((h) => h.sites.map((s) => ({ hospitalId: h.id, siteId: s.id })));
    unique(
      'hospitals',
      r.hospitals.map((h) => h.id),
    );
    unique(
      'sites',
      sites.map((s) => s.siteId),
    );
    unique(
      'emergencyDepartments',
      r.emergencyDepartments.map((e) => e.id),
    );
    unique(
      'samu',
      r.samu.map((s) => s.id),
    );
    unique(
      'systems',
      r.systems.map((s) => s.id),
    );
    const ghuIds = new Set(r.ghus.map((g) => g.id));
    r.hospitals.forEach((h, i) => {
      if (h.ghuId !== null && !ghuIds.has(h.ghuId)) issue(['hospitals', i, 'ghuId'], `unknown GHU "${h.ghuId}"`);
    });
    const siteOf = (hospitalId: string, siteId: string) =>
      sites.some((s) => s.hospitalId === hospitalId && s.siteId === siteId);
    // One department per hospital and kind, on the hospital's main (first) site.
    const departments = new Set<string>();
    r.emergencyDepartments.forEach((e, i) => {
      const key = `${e.hospitalId}/${e.kind}`;
      if (departments.has(key))
        issue(['emergencyDepartments', i, 'kind'], `a second ${e.kind} department for "${e.hospitalId}"`);
      departments.add(key);
      const main = r.hospitals.find((h) => h.id === e.hospitalId)?.sites[0]?.id;
      if (main !== e.siteId) {
        issue(
          ['emergencyDepartments', i, 'siteId'],
          `must be the main site of hospital "${e.hospitalId}" (${main ?? 'none'})`,
        );
      }
    });
    r.samu.forEach((s, i) => {
      if (!siteOf(s.hospitalId, s.siteId))
        issue(['samu', i, 'siteId'], `site "${s.siteId}" is not a site of hospital "${s.hospitalId}"`);
    });
  });
export type Registry = z.infer<typeof RegistrySchema>;

/** Key of a hospital × system pair, as used in the situation. */
export const pairKey = (hospitalId: string, systemId: string) => `${hospitalId}:${systemId}`;

/** Every hospital × system pair key of a registry, in registry order. */
export const pairKeys = (r: Registry) => r.hospitals.flatMap((h) => r.systems.map((s) => pairKey(h.id, s.id)));

/** Every site id of a registry, with its hospital. */
export const allSites = (r: Registry) => r.hospitals.flatMap((h) => h.sites.map((site) => ({ hospital: h, site })));
