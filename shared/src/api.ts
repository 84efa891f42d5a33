/**
 * The HTTP API: sign-in, one-time codes, wall-screen pairing and account administration — its
 * routes, bodies and replies. Both sides use these schemas; the server validates every body. Kept
 * out of the main entry (`@vigie/shared/api`) so the wall screen does not load it.
 */
import { z } from 'zod';
import { roles, ScopeSchema, SessionInfoSchema, type Role } from './access.ts';
import type { Registry } from './registry.ts';
import { InstantSchema } from './time.ts';

const Name = z.string().trim().min(1).max(200);

/** Passwords: at least 12 characters (no other rule: a long passphrase is what we want). */
export const PasswordSchema = z.string().min(12).max(200);
/**
 * A one-time sign-in code as printed: 12 characters of Crockford base32, in groups of four. Read as
 * Crockford does: any case, spaces and dashes ignored, O as 0 and I or L as 1 (the alphabet has none
 * of those letters, and a person copying from paper cannot tell them apart).
 */
export const CodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((c) =>
    c
      .replace(/[\s\u2010-\u2015-]/g, '')
      .replace(/O/g, '0')
      .replace(/[IL]/g, '1'),
  )
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'a code has 12 letters and digits'));

export const SignInSchema = z
  .object({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
  .strict();
export const CodeSignInSchema = z.object({ code: CodeSchema }).strict();
export const SetPasswordSchema = z
  .object({ password: PasswordSchema, currentPassword: z.string().max(200).optional() })
  .strict();
export const PairScreenSchema = z.object({ secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict();

/** An account to create: its login is derived from the name when not given. */
export const AccountDraftSchema = z
  .object({
    name: Name,
    login: z
      .string()
      .regex(/^[a-z0-9._-]{2,60}$/)
      .optional(),
    roles: z.array(roles.schema).min(1).max(4),
    scope: ScopeSchema,
  })
  .strict();
export type AccountDraft = z.infer<typeof AccountDraftSchema>;
export const CreateAccountsSchema = z.object({ accounts: z.array(AccountDraftSchema).min(1).max(200) }).strict();
export const UpdateAccountSchema = z
  .object({
    roles: z.array(roles.schema).min(1).max(4).optional(),
    scope: ScopeSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to update');
export const CreateScreenSchema = z.object({ name: Name }).strict();

/** One line of the printable sheet: a person, their role and a one-time code to sign in with. */
export const SheetEntrySchema = z
  .object({
    accountId: z.string(),
    name: z.string(),
    login: z.string(),
    roles: z.array(roles.schema),
    scope: ScopeSchema,
    code: z.string(),
    expiresAt: InstantSchema,
  })
  .strict();
export type SheetEntry = z.infer<typeof SheetEntrySchema>;

export const AccountSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    login: z.string(),
    roles: z.array(roles.schema),
    scope: ScopeSchema,
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: InstantSchema,
    lastSignInAt: InstantSchema.nullable(),
    activeSessions: z.number().int().min(0),
  })
  .strict();
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export const ScreenSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: InstantSchema,
    pairedAt: InstantSchema.nullable(),
    lastSeenAt: InstantSchema.nullable(),
    revokedAt: InstantSchema.nullable(),
    /** Until when the latest pairing link can be used (null once used or when none is pending). */
    pairingExpiresAt: InstantSchema.nullable(),
  })
  .strict();
export type ScreenSummary = z.infer<typeof ScreenSummarySchema>;
/** A new pairing link's secret: the client puts it in the URL fragment of `/appairage#<secret>`. */
export const PairingSchema = z
  .object({ screen: ScreenSummarySchema, secret: z.string(), expiresAt: InstantSchema })
  .strict();
export type Pairing = z.infer<typeof PairingSchema>;

type Route = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body: z.ZodType | null; reply: z.ZodType };
const route = <R extends Route>(r: R) => r;

/**
 * Every HTTP route of the API: method, path (`:id` is a parameter), body schema and reply data.
 * Replies use the socket reply shape (`{ok, data}` / `{ok: false, error}`) with a matching HTTP status.
 */
export const apiRoutes = {
  'session:get': route({ method: 'GET', path: '/api/session', body: null, reply: SessionInfoSchema }),
  'session:sign-in': route({ method: 'POST', path: '/api/session', body: SignInSchema, reply: SessionInfoSchema }),
  'session:code': route({
    method: 'POST',
    path: '/api/session/code',
    body: CodeSignInSchema,
    reply: SessionInfoSchema,
  }),
  'session:sign-out': route({ method: 'DELETE', path: '/api/session', body: null, reply: z.object({}).strict() }),
  'session:password': route({
    method: 'POST',
    path: '/api/session/password',
    body: SetPasswordSchema,
    reply: z.object({}).strict(),
  }),
  'screen:pair': route({ method: 'POST', path: '/api/screens/pair', body: PairScreenSchema, reply: SessionInfoSchema }),
  'admin:accounts': route({
    method: 'GET',
    path: '/api/admin/accounts',
    body: null,
    reply: z.array(AccountSummarySchema),
  }),
  'admin:accounts:create': route({
    method: 'POST',
    path: '/api/admin/accounts',
    body: CreateAccountsSchema,
    reply: z.array(SheetEntrySchema),
  }),
  'admin:account:update': route({
    method: 'PATCH',
    path: '/api/admin/accounts/:id',
    body: UpdateAccountSchema,
    reply: AccountSummarySchema,
  }),
  'admin:account:code': route({
    method: 'POST',
    path: '/api/admin/accounts/:id/code',
    body: null,
    reply: SheetEntrySchema,
  }),
  'admin:account:sessions:revoke': route({
    method: 'DELETE',
    path: '/api/admin/accounts/:id/sessions',
    body: null,
    reply: z.object({ revoked: z.number().int() }).strict(),
  }),
  'admin:screens': route({
    method: 'GET',
    path: '/api/admin/screens',
    body: null,
    reply: z.array(ScreenSummarySchema),
  }),
  'admin:screens:create': route({
    method: 'POST',
    path: '/api/admin/screens',
    body: CreateScreenSchema,
    reply: PairingSchema,
  }),
  'admin:screen:pairing': route({
    method: 'POST',
    path: '/api/admin/screens/:id/pairing',
    body: null,
    reply: PairingSchema,
  }),
  'admin:screen:revoke': route({
    method: 'DELETE',
    path: '/api/admin/screens/:id',
    body: null,
    reply: ScreenSummarySchema,
  }),
} as const;
export type ApiRouteName = keyof typeof apiRoutes;
export type ApiReply<N extends ApiRouteName> = z.infer<(typeof apiRoutes)[N]['reply']>;
export type ApiBody<N extends ApiRouteName> = (typeof apiRoutes)[N]['body'] extends z.ZodType
  ? z.input<(typeof apiRoutes)[N]['body']>
  : undefined;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/** Words accepted for each role in a pasted list (ids, French labels and their usual short forms). */
const roleWords: Record<string, Role> = {
  viewer: 'viewer',
  lecture: 'viewer',
  lecteur: 'viewer',
  commander: 'commander',
  commandement: 'commander',
  commandant: 'commander',
  lead: 'lead',
  'direction de crise': 'lead',
  direction: 'lead',
  directeur: 'lead',
  'directeur de crise': 'lead',
  admin: 'admin',
  administration: 'admin',
  administrateur: 'admin',
};

export interface ParsedAccountList {
  accounts: AccountDraft[];
  errors: { line: number; text: string; message: string }[];
}

/**
 * Reads a pasted list, one person per line: `Nom ; rôle(s) ; périmètre` (tabs from a spreadsheet
 * work too). Roles are joined by `+` or `,`; the scope lists hospitals or GHU by id or name, empty
 * for the whole group. Blank lines are skipped; every other line is an account or an error.
 */
export function parseAccountList(text: string, registry: Pick<Registry, 'hospitals' | 'ghus'>): ParsedAccountList {
  const places = new Map<string, { kind: 'hospital' | 'ghu'; id: string }>();
  for (const g of registry.ghus) {
    places.set(fold(g.id), { kind: 'ghu', id: g.id });
    places.set(fold(g.label), { kind: 'ghu', id: g.id });
  }
  for (const h of registry.hospitals) {
    for (const name of [h.id, h.name, h.shortName]) places.set(fold(name), { kind: 'hospital', id: h.id });
  }
  const result: ParsedAccountList = { accounts: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const [name = '', roleText = '', scopeText = '', ...extra] = raw.split(/[;\t]/).map((c) => c.trim());
    const fail = (message: string) => result.errors.push({ line, text: raw, message });
    if (extra.some((c) => c)) return fail('trop de colonnes (nom ; rôle ; périmètre)');
    if (!name) return fail('nom manquant');
    const words = roleText.split(/[+,]/).map(fold).filter(Boolean);
    const unknownRole = words.find((w) => !roleWords[w]);
    if (!words.length) return fail('rôle manquant');
    if (unknownRole) return fail(`rôle inconnu « ${unknownRole} »`);
    const scope = { hospitals: [] as string[], ghus: [] as string[] };
    for (const word of scopeText.split(',').map(fold).filter(Boolean)) {
      const place = places.get(word);
      if (!place) return fail(`hôpital ou GHU inconnu « ${word} »`);
      (place.kind === 'ghu' ? scope.ghus : scope.hospitals).push(place.id);
    }
    const draft = AccountDraftSchema.safeParse({
      name,
      roles: [...new Set(words.map((w) => roleWords[w]!))],
      scope: scope.hospitals.length || scope.ghus.length ? scope : null,
    });
    if (!draft.success) return fail(draft.error.issues.map((i) => i.message).join('; '));
    result.accounts.push(draft.data);
  });
  return result;
}
