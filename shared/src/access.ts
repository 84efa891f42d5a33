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
