import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRegistry, openSqliteAccessStore, tempDir } from '../testing.ts';
import { Access, type SignedIn } from './access.ts';

const temp = tempDir();
const store = openSqliteAccessStore(join(temp.dir, 'access.sqlite'));
const access = new Access(store, defaultRegistry(), { openRead: false });
afterAll(async () => {
  await store.close();
  temp.remove();
});

/** A fresh code for the account that holds both a 0 and a 1, the digits people read as O and I. */
async function codeWithZeroAndOne(accountId: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const { code } = await access.issueCode(accountId, null);
    if (code.includes('0') && code.includes('1')) return code;
  }
  throw new Error('no code with both 0 and 1 in 500 draws');
}

describe('Access.signInWithCode', () => {
  it('accepts a code typed with O for 0, I or L for 1, in lower case, with spaces and dashes', async () => {
    const { accountId } = await access.bootstrapAdmin('claire.martin', 'Claire Martin');
    const code = await codeWithZeroAndOne(accountId);
    const typed = code
      .replace(/0/g, 'o')
      .replace(/1/, 'I')
      .replace(/1/g, 'l')
      .replace(/(.{4})(?=.)/g, '$1 - ');

    const signedIn = await access.signInWithCode(` ${typed} `, { address: '192.0.2.1' });

    expect(signedIn.info).toMatchObject({ kind: 'person', name: 'Claire Martin' });
    // It was that code, and it is spent.
    await expect(access.signInWithCode(code, { address: '192.0.2.1' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});

describe('Access.setPassword after a code', () => {
  const from = { address: '192.0.2.2' };
  const callerOf = (signedIn: SignedIn) => ({
    principal: signedIn.principal,
    origin: { sessionId: signedIn.session.id, address: from.address },
  });

  it('lets a person who forgot their password choose a new one with a reset code, once', async () => {
    const first = await access.bootstrapAdmin('louis.durand', 'Louis Durand');
    await access.setPassword(
      callerOf(await access.signInWithCode(first.code, from)),
      'une phrase oubliée depuis',
      undefined,
    );
    const reset = await access.issueCode(first.accountId, null);

    const session = callerOf(await access.signInWithCode(reset.code, from));
    await access.setPassword(session, 'une nouvelle phrase choisie', undefined);

    await expect(access.signIn('louis.durand', 'une nouvelle phrase choisie', from)).resolves.toMatchObject({
      info: { name: 'Louis Durand' },
    });
    // Only once: changing it again from this session needs the password just chosen.
    await expect(access.setPassword(session, 'encore une autre phrase', undefined)).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('still asks a session opened with a password for the current one', async () => {
    const entry = await access.bootstrapAdmin('marie.curie', 'Marie Curie');
    await access.setPassword(callerOf(await access.signInWithCode(entry.code, from)), 'la phrase de marie', undefined);

    const session = callerOf(await access.signIn('marie.curie', 'la phrase de marie', from));

    await expect(access.setPassword(session, 'une phrase volée ici', undefined)).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});
