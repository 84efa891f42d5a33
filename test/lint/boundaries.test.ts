import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Each fixture is linted *as if* it sat at the same path in the real tree (test/lint/fixtures/
// server/src/domain/x.ts is linted as server/src/domain/x.ts), with the repository's own
// eslint.config.js. Only `no-restricted-imports` runs and type information is off, so a virtual
// path needs no tsconfig and the check stays fast.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const BOUNDARY_RULE = 'no-restricted-imports';
const TIMEOUT_MS = 30_000;

/** Each fixture (path under fixtures/) and a fragment of the boundary message it must trigger. */
const violations: Record<string, string> = {
  'shared/src/importsServer.ts': 'Never import the server',
  'shared/src/importsClient.ts': 'Never import the client',
  'shared/src/importsNode.ts': 'no Node built-ins',
  'shared/src/importsBareNodeBuiltin.ts': 'no Node built-ins',
  'shared/src/importsReact.ts': 'no framework, transport or storage imports',
  'shared/src/importsZustand.ts': 'no framework, transport or storage imports',
  'shared/src/importsServerByPath.ts': 'leaves its package',
  'client/src/importsServer.ts': 'Never import the server',
  'client/src/features/importsSocket.ts': 'Only client/src/realtime/ imports socket.io-client',
  'client/src/features/importsZustand.ts': 'Only client/src/store/ imports zustand',
  'client/src/store/importsSocket.ts': 'Only client/src/realtime/ imports socket.io-client',
  'client/src/realtime/importsZustand.ts': 'Only client/src/store/ imports zustand',
  'client/src/features/importsNode.ts': 'no Node built-ins',
  'client/src/features/map/importsSharedByPath.ts': 'leaves its package',
  'client/src/features/hospital/importsFeatureInsides.ts': "another feature's top-level component only",
  'client/src/features/console/statements/importsFeatureInsides.ts': "another feature's top-level component only",
  'client/src/features/wall/importsApp.ts': 'Only main.tsx imports app/',
  'client/src/items/importsFeature.ts': 'they never import features/',
  'client/src/hooks/importsApp.ts': 'Only main.tsx imports app/',
  'client/src/store/importsFeature.ts': 'they never import features/',
  'server/src/importsClient.ts': 'Never import the client',
  'server/src/transport/http/importsReact.ts': 'does not render React',
  'server/src/domain/importsTransport.ts': 'never depend on transport/',
  'server/src/domain/importsCommands.ts': 'sit below commands/',
  'server/src/policies/importsStore.ts': 'do not touch the store',
  'server/src/commands/importsExpress.ts': 'knows Express or Socket.IO',
  'server/src/commands/importsSqlite.ts': 'imports better-sqlite3',
  'server/src/commands/importsTransport.ts': 'never depend on transport/',
  'server/src/log/importsSocketIo.ts': 'knows Express or Socket.IO',
  'server/src/transport/realtime/handlers/importsSharedByPath.ts': 'leaves its package',
  'test/integration/importsServerByPath.ts': 'leaves its package',
};

/** Legitimate imports, each at a path where a neighbouring fixture is refused. */
const allowed: { path: string; code: string; why: string }[] = [
  { path: 'shared/src/schema.ts', code: "import { z } from 'zod';", why: 'shared/ may use zod' },
  {
    path: 'shared/src/schema.ts',
    code: "import { limits } from './limits.ts';",
    why: 'shared/ imports its own modules',
  },
  {
    path: 'client/src/realtime/socket.ts',
    code: "import { io } from 'socket.io-client';",
    why: 'realtime/ owns the socket',
  },
  { path: 'client/src/store/slice.ts', code: "import { create } from 'zustand';", why: 'store/ owns zustand' },
  { path: 'client/src/features/map/Map.tsx', code: "import { useState } from 'react';", why: 'features use React' },
  {
    path: 'client/src/features/map/Map.tsx',
    code: "import { applyEvent } from '@vigie/shared';",
    why: 'the client imports shared through its package name',
  },
  {
    path: 'client/src/features/map/Map.tsx',
    code: "import { Legend } from '../shared/Legend.tsx';",
    why: 'a client folder named "shared" is not the shared package',
  },
  {
    path: 'client/src/features/wall/WallScreen.tsx',
    code: "import { EtaPanel } from '../eta/EtaPanel.tsx';",
    why: "a screen composes another feature's top-level component",
  },
  {
    path: 'client/src/features/console/statements/StatementsSection.tsx',
    code: "import { messages } from './messages.ts';\nimport { LogSection } from '../log/LogSection.tsx';\nimport { logWords } from '../log/messages.ts';",
    why: "a console sub-folder named like a feature is the console's own",
  },
  {
    path: 'client/src/features/console/items/ItemControl.tsx',
    code: "import { itemName } from '../../../items/itemWords.ts';\nimport { useEditedValue } from '../../../hooks/useEditedValue.ts';",
    why: 'features use the shared rooms',
  },
  {
    path: 'client/src/ui/Panel.tsx',
    code: "import { useT } from '../i18n/useT.ts';\nimport { useStoreSelector } from '../hooks/useStoreSelector.ts';",
    why: 'shared rooms use each other',
  },
  { path: 'client/src/main.tsx', code: "import { App } from './app/App.tsx';", why: 'main.tsx mounts the root' },
  {
    path: 'server/src/transport/realtime/io.ts',
    code: "import { Server } from 'socket.io';",
    why: 'transport/ knows Socket.IO',
  },
  {
    path: 'server/src/transport/http/health.ts',
    code: "import express from 'express';",
    why: 'transport/ knows Express',
  },
  {
    path: 'server/src/transport/realtime/handlers/commandHandlers.ts',
    code: "import type { IncidentLog } from '../../../log/incidentLog.ts';",
    why: 'a deep relative path that stays inside the server is fine',
  },
  {
    path: 'server/src/transport/realtime/handlers/registryHandlers.ts',
    code: "import registry from '../../../../registry/aphp.json';",
    why: 'climbing up to the package root is still inside the package',
  },
  { path: 'server/src/app.ts', code: "import express from 'express';", why: 'app.ts is a composition root' },
  {
    path: 'server/src/main.ts',
    code: "import Database from 'better-sqlite3';",
    why: 'main.ts is a composition root',
  },
  {
    path: 'server/src/store/sqlite/sqliteStore.ts',
    code: "import Database from 'better-sqlite3';",
    why: 'store/ owns better-sqlite3',
  },
  {
    path: 'server/src/commands/reviseEta.ts',
    code: "import { writeItem } from '../domain/writeItem.ts';\nimport type { Principal } from '#domain/context.ts';",
    why: 'commands call the domain',
  },
  {
    path: 'server/src/domain/writeItem.ts',
    code: "import type { Situation } from '@vigie/shared';\nimport { readFileSync } from 'node:fs';",
    why: 'the domain may use shared and Node',
  },
  {
    path: 'test/integration/sync.test.ts',
    code: "import { createApp } from '@vigie/server/app';\nimport { io } from 'socket.io-client';",
    why: 'cross-package tests use the packages and a real socket client',
  },
];

function listFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFixtures(path) : [relative(fixturesDir, path).split(sep).join('/')];
  });
}

let eslint: ESLint;

async function boundaryMessages(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path), warnIgnored: true });
  expect(result, `no lint result for ${path}`).toBeDefined();
  const messages = result?.messages ?? [];
  // A parse error or an ignored path would also produce no boundary error: fail loudly instead.
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return messages
    .filter((message) => message.ruleId === BOUNDARY_RULE && message.severity === 2)
    .map((message) => message.message);
}

beforeAll(() => {
  eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: {
      name: 'boundaries-test/no-type-information',
      languageOptions: { parserOptions: { projectService: false, project: false, program: null } },
    },
    ruleFilter: ({ ruleId }) => ruleId === BOUNDARY_RULE,
  });
});

describe('import boundaries', () => {
  it('has an expected message for every fixture file, and a fixture file for every expectation', () => {
    expect(listFixtures(fixturesDir).sort()).toEqual(Object.keys(violations).sort());
  });

  it(
    'leaves the fixtures out of a normal lint run',
    async () => {
      expect(await eslint.isPathIgnored(join(fixturesDir, 'shared/src/importsNode.ts'))).toBe(true);
    },
    TIMEOUT_MS,
  );

  describe.each(Object.entries(violations))('the fixture %s', (path, fragment) => {
    it(
      'is reported by no-restricted-imports with the message of the boundary it breaks',
      async () => {
        const code = readFileSync(join(fixturesDir, path), 'utf8');

        const messages = await boundaryMessages(code, path);

        expect(messages).toEqual([expect.stringContaining(fragment)]);
      },
      TIMEOUT_MS,
    );
  });

  describe.each(allowed)('a legitimate import in $path', ({ path, code, why }) => {
    it(
      `produces no boundary error, because ${why}`,
      async () => {
        const messages = await boundaryMessages(code, path);

        expect(messages).toEqual([]);
      },
      TIMEOUT_MS,
    );
  });
});
