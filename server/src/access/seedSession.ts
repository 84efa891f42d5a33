/**
 * The test and benchmark fixture: an account and a ready session, written straight to the store —
 * no password hashing (1,000 viewers per run), no sign-in slow-down — whose cookie then goes
 * through the same handshake checks as any real session.
 */
import type { Role, Scope } from '@vigie/shared';
import type { AccessStore } from './accessStore.ts';
import { newId } from '../ids.ts';
import { digest, randomToken } from './secrets.ts';

export interface SeededSession {
  accountId: string;
  sessionId: string;
  token: string;
  /** The Cookie header value a client sends. */
  cookie: string;
}

export async function seedSession(
  store: AccessStore,
  account: { name: string; roles: Role[]; scope?: Scope; login?: string },
  ttlMs = 24 * 3_600_000,
): Promise<SeededSession> {
  const now = new Date();
  const accountId = newId();
  await store.createAccounts(
    [
      {
        id: accountId,
        login: account.login ?? `seed.${accountId.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
        name: account.name,
        roles: account.roles,
        scope: account.scope ?? null,
        passwordHash: null,
        disabled: false,
        createdAt: now.toISOString(),
        lastSignInAt: null,
      },
    ],
    [],
  );
  const token = randomToken();
  const sessionId = newId();
  await store.createSession({
    id: sessionId,
    tokenHash: digest(token),
    accountId,
    screenId: null,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    address: null,
    userAgent: 'seeded',
    endedAt: null,
  });
  return { accountId, sessionId, token, cookie: `vigie_session=${token}` };
}
