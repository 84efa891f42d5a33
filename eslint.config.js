// ESLint flat config: type-aware TypeScript rules, React hooks rules for the client, and the
// architecture's layers (ARCHITECTURE.md, "Tree") enforced with `no-restricted-imports`.
// test/lint/boundaries.test.ts proves each boundary against the fixtures in test/lint/fixtures/.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// Boundaries
// ---------------------------------------------------------------------------------------------

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A restricted-import pattern matching the given module names and their subpaths. */
const modules = (names, message) => ({
  regex: `^(?:${names.map(escapeRegex).join('|')})(?:/|$)`,
  caseSensitive: true,
  message,
});

/** A restricted-import pattern matching a source folder, reached by a relative path or a `#` import. */
const folder = (name, message) => ({
  regex: `^(?:(?:\\.{1,2}/)+|#)${escapeRegex(name)}(?:/|\\.ts$|$)`,
  caseSensitive: true,
  message,
});

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/'));

/** A restricted-import pattern matching `node:*` and the bare names of Node built-ins (`fs`, `path`…). */
const nodeBuiltin = (message) => ({
  regex: `^(?:node:|(?:${nodeBuiltins.map(escapeRegex).join('|')})(?:/|$))`,
  caseSensitive: true,
  message,
});

const rule = {
  sharedIsPure: modules(
    ['react', 'react-dom', 'socket.io', 'socket.io-client', 'express', 'better-sqlite3', 'zustand'],
    'shared/ holds schemas, events and the reducer only: no framework, transport or storage imports.',
  ),
  noNodeInShared: nodeBuiltin('shared/ runs in the server and in browsers: no Node built-ins.'),
  noNodeInClient: nodeBuiltin('The client runs in browsers: no Node built-ins.'),
  noServerPackage: modules(['@vigie/server'], 'Never import the server from here: go through @vigie/shared.'),
  noClientPackage: modules(['@vigie/client'], 'Never import the client from here: go through @vigie/shared.'),
  noServerLibsInClient: modules(
    ['socket.io', 'express', 'better-sqlite3'],
    'Server libraries do not belong in the client.',
  ),
  socketOnlyInRealtime: modules(
    ['socket.io-client'],
    'Only client/src/realtime/ imports socket.io-client; feed the store from there.',
  ),
  zustandOnlyInStore: modules(['zustand'], 'Only client/src/store/ imports zustand; use its selectors and actions.'),
  noReactInServer: modules(['react', 'react-dom'], 'The server does not render React.'),
  webOnlyInTransport: modules(
    ['express', 'socket.io'],
    'Only server/src/transport/ (and app.ts, main.ts) knows Express or Socket.IO.',
  ),
  sqliteOnlyInStore: modules(
    ['better-sqlite3'],
    'Only server/src/store/ (and app.ts, main.ts, testing) imports better-sqlite3; depend on EventStore.',
  ),
  noTransport: folder('transport', 'Commands, domain and policies never depend on transport/.'),
  noCommands: folder('commands', 'domain/ and policies/ sit below commands/: commands call them, not the reverse.'),
  noStore: folder('store', 'domain/ and policies/ do not touch the store: commands pass them the state they need.'),
  noFeaturesInShared: folder(
    'features',
    'Shared client rooms (items/, ui/, time/, hooks/, store/, realtime/, i18n/, charts/, access/, router/, session/) sit below the features: they never import features/.',
  ),
  noAppInClient: folder(
    'app',
    'Only main.tsx imports app/ (the composition root): move what you need into a shared room.',
  ),
};

/**
 * Per-folder boundaries, most general first. Rule options do not merge across config objects (the
 * last match wins), so each entry lists every pattern that applies to its folder.
 */
const serverBase = [rule.noClientPackage, rule.noReactInServer];
const serverInner = [...serverBase, rule.webOnlyInTransport, rule.sqliteOnlyInStore];
const clientBase = [
  rule.noServerPackage,
  rule.noNodeInClient,
  rule.noServerLibsInClient,
  rule.socketOnlyInRealtime,
  rule.zustandOnlyInStore,
];
const without = (list, ...removed) => list.filter((pattern) => !removed.includes(pattern));
/** The client's shared rooms besides store/ and realtime/: below every feature, above nothing of theirs. */
const CLIENT_SHARED_ROOMS = ['items', 'ui', 'time', 'hooks', 'i18n', 'charts', 'access', 'router', 'session'];
const clientShared = [rule.noFeaturesInShared, rule.noAppInClient];

const boundaries = [
  {
    files: ['shared/**'],
    patterns: [rule.noServerPackage, rule.noClientPackage, rule.noNodeInShared, rule.sharedIsPure],
  },
  // vite.config.ts runs in Node, not in the browser.
  { files: ['client/**'], ignores: ['client/*.config.*'], patterns: clientBase },
  {
    files: ['client/src/realtime/**'],
    patterns: [...without(clientBase, rule.socketOnlyInRealtime), ...clientShared],
  },
  { files: ['client/src/store/**'], patterns: [...without(clientBase, rule.zustandOnlyInStore), ...clientShared] },
  // A test may read across rooms (frenchSpacing.test.ts checks every screen's messages).
  {
    files: CLIENT_SHARED_ROOMS.map((room) => `client/src/${room}/**`),
    ignores: ['**/*.test.{ts,tsx}'],
    patterns: [...clientBase, ...clientShared],
  },
  { files: ['server/**'], patterns: serverBase },
  { files: ['server/src/**'], patterns: serverInner },
  { files: ['server/src/transport/**'], patterns: without(serverInner, rule.webOnlyInTransport) },
  {
    files: ['server/src/store/**', 'server/src/testing.ts', 'server/src/testing/**'],
    patterns: without(serverInner, rule.sqliteOnlyInStore),
  },
  // Composition roots wire everything together.
  { files: ['server/src/app.ts', 'server/src/main.ts'], patterns: serverBase },
  { files: ['server/src/commands/**'], patterns: [...serverInner, rule.noTransport] },
  {
    files: ['server/src/domain/**', 'server/src/policies/**'],
    patterns: [...serverInner, rule.noTransport, rule.noCommands, rule.noStore],
  },
  { files: ['test/**'], patterns: [] },
];

/**
 * Packages import each other as `@vigie/<name>`, never by a relative path. A relative import leaves
 * its package when it climbs more levels than the importing file sits below the package root, so
 * each boundary entry is expanded per depth (`files: [[a, b]]` means a file must match both).
 */
const PACKAGES = ['shared', 'server', 'client', 'test'];
const MAX_DEPTH = 12;
const leavesPackage = (depth) => ({
  regex: `^(?:\\.\\./){${depth}}\\.\\.(?:/|$)`,
  message: 'This relative path leaves its package: import other packages as @vigie/<name>.',
});
const atDepth = (pkg, depth) => `${pkg}/${'*/'.repeat(depth)}*`;

const boundaryConfigs = PACKAGES.flatMap((pkg) => {
  const own = boundaries.filter(({ files }) => files.every((glob) => glob.startsWith(`${pkg}/`)));
  return own.flatMap(({ files, ignores, patterns }, index) => [
    ...Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
      name: `vigie/boundaries/${pkg}/${index}/depth-${depth}`,
      files: files.map((glob) => [glob, atDepth(pkg, depth)]),
      ...(ignores ? { ignores } : {}),
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, leavesPackage(depth)] }] },
    })),
    // Deeper than MAX_DEPTH: the folder rules still apply, without the package-escape check.
    {
      name: `vigie/boundaries/${pkg}/${index}/deeper`,
      files: files.map((glob) => [glob, `${pkg}/${'*/'.repeat(MAX_DEPTH + 1)}**`]),
      ...(ignores ? { ignores } : {}),
      rules: patterns.length ? { 'no-restricted-imports': ['error', { patterns }] } : {},
    },
  ]);
});

/**
 * A feature (client/src/features/<name>/) may use another feature's face, a top-level component such
 * as `../eta/EtaPanel.tsx` (a screen composes panels), never its insides (hooks, words, models,
 * sub-folders): what two features need lives in a shared room. Relative paths differ with the
 * importing file's depth inside its feature, so the patterns are written per feature and depth.
 */
const FEATURE_DEPTHS = 4;
const featureDirs = readdirSync(new URL('./client/src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const otherFeatureInsides = (feature, depth) => ({
  regex: `^(?:\\.\\./){${depth + 1}}(?:\\.\\./features/)?(?!${escapeRegex(feature)}/)[\\w-]+/(?![A-Z]\\w*\\.tsx$)`,
  caseSensitive: true,
  message:
    "A feature imports another feature's top-level component only, never its insides (hooks, words, models, sub-folders): move what both need into a shared room (items/, ui/, hooks/, time/…).",
});
const featureConfigs = featureDirs.flatMap((feature) =>
  Array.from({ length: FEATURE_DEPTHS }, (_, depth) => ({
    name: `vigie/boundaries/client/features/${feature}/depth-${depth}`,
    files: [`client/src/features/${feature}/${'*/'.repeat(depth)}*`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...clientBase, rule.noAppInClient, otherFeatureInsides(feature, depth), leavesPackage(3 + depth)],
        },
      ],
    },
  })),
);

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------

export default defineConfig([
  globalIgnores(
    ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', 'test-results/**', 'test/lint/fixtures/**'],
    'vigie/ignores',
  ),

  { name: 'vigie/javascript', ...js.configs.recommended },

  {
    name: 'vigie/typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { allowDefaultCaseForExhaustiveSwitch: true, considerDefaultExhaustiveForUnions: false },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: false, allowAny: false, allowRegExp: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Asymmetric matchers (`expect.any(String)`, `expect.objectContaining(…)`) are typed `any`.
  {
    name: 'vigie/tests',
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },

  // Plain JavaScript (scripts, this file) and tool config files run in Node and are not part of
  // a tsconfig project: lint them without type information.
  {
    name: 'vigie/node-scripts',
    files: ['**/*.{js,mjs,cjs}', '**/*.config.{ts,mts}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'vigie/service-worker',
    files: ['client/public/sw.js'],
    languageOptions: { globals: globals.serviceworker },
  },

  {
    name: 'vigie/client',
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/*.config.*'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  // The server is the only judge of what a person may do: screens read the abilities it sends
  // (`SessionInfo.abilities`, `may`, `mayWriteHospital`), never re-derive them from roles or scopes.
  {
    name: 'vigie/client-reads-abilities',
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'client/src/**/testing.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.property.name='roles'][callee.property.name=/^(includes|some|every)$/]",
          message: 'Do not decide from roles on a screen: read what the server allows (may, mayWriteHospital).',
        },
        {
          selector: "ImportSpecifier[imported.name='scopeCovers']",
          message: 'Do not decide from scopes on a screen: read what the server allows (mayWriteHospital).',
        },
      ],
    },
  },

  ...boundaryConfigs,
  ...featureConfigs,
]);
