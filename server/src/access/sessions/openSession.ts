/** A new session for a person or a screen, and its cookie token. */
import { newId } from '../../ids.ts';
import type { AccessContext, From } from '../accessContext.ts';
import type { AccountRecord, SessionRecord } from '../accessStore.ts';
import { journal } from '../journal.ts';
import { personOf, type Who } from '../principals.ts';
import { digest, randomToken } from '../secrets.ts';
import type { ResolvedSession } from './resolveSession.ts';

export interface SignedIn extends ResolvedSession {
  /** The session cookie's value (never stored: the store keeps its hash). */
  token: string;
}

export async function openSession(
  ctx: AccessContext,
  owner: { accountId: string } | { screenId: string },
  from: From,
  ttlMs: number,
  who: Who,
): Promise<SignedIn> {
  const token = randomToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const session: SessionRecord = {
    id: newId(),
    tokenHash: digest(token),
    accountId: 'accountId' in owner ? owner.accountId : null,
    screenId: 'screenId' in owner ? owner.screenId : null,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    address: from.address,
    userAgent: from.userAgent?.slice(0, 300) ?? null,
    endedAt: null,
  };
  await ctx.store.createSession(session);
  return { token, session, expiresAt, ...who };
}

/** A person's new session, their last sign-in and the journal's line (`what`: how they signed in). */
export async function openPersonSession(
  ctx: AccessContext,
  account: AccountRecord,
  from: From,
  what: string,
): Promise<SignedIn> {
  const signedIn = await openSession(ctx, { accountId: account.id }, from, ctx.sessionIdleMs, personOf(ctx, account));
  await ctx.store.updateAccount(account.id, { lastSignInAt: signedIn.session.createdAt });
  await journal(ctx, { id: account.id, name: account.name }, what, account.id, from, signedIn.session.id);
  return signedIn;
}
