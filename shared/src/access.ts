/**
 * Access: roles, scopes and who a connection is — what every screen needs. The HTTP API that signs
 * people in and administers accounts is in api.ts (`@vigie/shared/api`), loaded only where used.
 */
import { z } from 'zod';
import { scale } from './scales.ts';

/** Roles an account may hold. */
export const roles = scale([
  { id: 'viewer', fr: 'Lecture', en: 'Viewer' },
  { id: 'commander', fr: 'Commandement', en: 'Commander' },
  { id: 'lead', fr: 'Direction de crise', en: 'Incident lead' },
  { id: 'admin', fr: 'Administration', en: 'Administrator' },
] as const);
export type Role = (typeof roles.ids)[number];

const Id = z.string().min(1).max(100);

/** What a connection may do; the server's policy decides, screens only read what it sent (`Abilities`). */
export const actions = [
  'read:staff',
  'status:write',
  'log:write',
  'statement:draft',
  'statement:publish',
  'eta:revise',
  'incident:manage',
  'history:read',
  'audit:read',
  'access:manage',
] as const;
export type Action = (typeof actions)[number];

/**
 * What the server's policy lets this connection do, so no screen re-derives it from roles and scopes:
 * the actions it may take, the hospitals whose items it may write, and whether it may write the
 * group-wide items (the SAMU, the recovery stages).
 */
export const AbilitiesSchema = z
  .object({
    actions: z.array(z.enum(actions)),
    hospitals: z.union([z.literal('all'), z.array(Id)]),
    group: z.boolean(),
  })
  .strict();
export type Abilities = z.infer<typeof AbilitiesSchema>;

/**
 * Where a commander may act: some hospitals and/or whole GHU. `null` is the whole group (group-wide
 * items such as the SAMU and the recovery stages need it).
 */
export const ScopeSchema = z
  .object({ hospitals: z.array(Id).max(100), ghus: z.array(Id).max(20) })
  .strict()
  .nullable();
export type Scope = z.infer<typeof ScopeSchema>;

/** Who a connection is, sent on every connection (`session:info`) and by `GET /api/session`. */
export const SessionInfoSchema = z
  .object({
    kind: z.enum(['anonymous', 'person', 'screen']),
    id: z.string().nullable(),
    name: z.string().nullable(),
    roles: z.array(roles.schema),
    scope: ScopeSchema,
    /** Reading without an account is allowed on this server ("accès libre en lecture"). */
    openRead: z.boolean(),
    abilities: AbilitiesSchema,
  })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** Why the server ended a connection's session: the client wipes its copy and says so. */
export const sessionEndReasons = scale([
  { id: 'signed-out', fr: 'Vous êtes déconnecté.', en: 'You are signed out.' },
  { id: 'revoked', fr: 'Votre session a été révoquée.', en: 'Your session was revoked.' },
  {
    id: 'roles-changed',
    fr: 'Vos droits ont changé : la page se recharge.',
    en: 'Your rights changed: the page reloads.',
  },
  { id: 'expired', fr: 'Votre session a expiré.', en: 'Your session expired.' },
  {
    id: 'screen-revoked',
    fr: 'Cet écran n’est plus autorisé à afficher la situation.',
    en: 'This screen is no longer allowed to show the situation.',
  },
] as const);
/** Whether the connection may take `action` (anywhere it may act at all). */
export const may = (info: Pick<SessionInfo, 'abilities'> | null, action: Action) =>
  info?.abilities.actions.includes(action) ?? false;

/** Whether the connection may write this hospital's items. */
export const mayWriteHospital = (info: Pick<SessionInfo, 'abilities'> | null, hospitalId: string) =>
  info !== null && (info.abilities.hospitals === 'all' || info.abilities.hospitals.includes(hospitalId));

export type SessionEndReason = (typeof sessionEndReasons.ids)[number];
export const SessionEndedSchema = z.object({ reason: sessionEndReasons.schema }).strict();

/** Client pages of access (no account needed to open them). */
export const accessPaths = {
  signIn: '/connexion',
  pairing: '/appairage',
  admin: '/admin',
  account: '/compte',
} as const;

/** Whether a scope covers a hospital (a null scope covers the whole group). */
export function scopeCovers(scope: Scope, hospital: { id: string; ghuId: string | null }): boolean {
  if (scope === null) return true;
  return scope.hospitals.includes(hospital.id) || (hospital.ghuId !== null && scope.ghus.includes(hospital.ghuId));
}
