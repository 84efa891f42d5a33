/**
 * Screens never re-derive what a person may do: the lint rule `vigie/client-reads-abilities` refuses
 * a client file deciding from roles or scopes, and lets it read what the server sent.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const RULE = 'no-restricted-syntax';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: false, program: null } } },
    ruleFilter: ({ ruleId }) => ruleId === RULE,
  });
});

async function messages(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path), warnIgnored: true });
  expect(result?.messages.filter((m) => m.fatal === true)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const screen = 'client/src/features/console/Section.tsx';

describe('a screen reads abilities, never decides from roles or scopes', () => {
  it.each([
    ["export const lead = (info: { roles: string[] }) => info.roles.includes('lead');", 'from roles'],
    ["export const staff = (info: { roles: string[] }) => info.roles.some((r) => r !== 'viewer');", 'from roles'],
    ["import { scopeCovers } from '@vigie/shared';\nexport { scopeCovers };", 'from scopes'],
  ])(
    'refuses %s',
    async (code, fragment) => {
      expect(await messages(code, screen)).toEqual([expect.stringContaining(fragment)]);
    },
    30_000,
  );

  it.each([
    "import { may, mayWriteHospital } from '@vigie/shared';\nexport const f = (i: never) => may(i, 'eta:revise') && mayWriteHospital(i, 'h1');",
    'export const words = (account: { roles: string[] }) => account.roles.map((r) => r.toUpperCase());',
  ])(
    'accepts %s',
    async (code) => {
      expect(await messages(code, screen)).toEqual([]);
    },
    30_000,
  );

  it('leaves the server, which is the judge, free to decide from roles', async () => {
    expect(
      await messages(
        "export const f = (p: { roles: string[] }) => p.roles.includes('lead');",
        'server/src/policies/x.ts',
      ),
    ).toEqual([]);
  }, 30_000);
});
