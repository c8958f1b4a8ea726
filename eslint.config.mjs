// The hub's lint: TypeScript's recommended rules, no import cycles, and the package boundaries the architecture
// depends on (docs/architecture.md, "Packages and what they may import"). `npm run lint` runs it with prettier's
// check and knip (unused files, exports and dependencies).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const AGENCIES = ['civil-affairs', 'education', 'public-security', 'health', 'medical-insurance', 'disabled-persons'];

/** `no-restricted-imports` patterns forbidding the given workspace packages (by name and by a path into their folder). */
function forbid(packages, message) {
  return {
    group: packages.flatMap((p) => [`@hub/${p}`, `@hub/${p}/*`]),
    message,
  };
}
const folderOf = (p) => (AGENCIES.includes(p) ? `subgraphs/${p}` : p);
/** Relative paths that climb into another package's folder. */
function forbidPaths(packages, message) {
  return { regex: `^(\\.\\./)+(${packages.map(folderOf).join('|')})(/|$)`, message };
}

const PRODUCT_MAY_NOT = ['population', 'bench', 'cli'];
const boundary = (files, packages, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [forbid(packages, why), forbidPaths(packages, why)] }],
  },
});

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.data/**', 'test-artifacts/**', '**/*.tsbuildinfo'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // How import-x reads the modules an import leads to (no-cycle follows them through TypeScript files).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.base.json'], alwaysTryTypes: true })],
    },
    languageOptions: {
      globals: { ...globals.node },
      // type-graphql and TypeORM read decorator metadata: an import used there must stay a value import
      // (consistent-type-imports leaves files with decorators alone when it knows).
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      // A runtime import cycle: modules half-initialised at import time; none anywhere in the product or tests.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['dashboard/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },

  // ---------------------------------------------------------------- package boundaries
  // The vocabulary stands on its own: no server library, no other package of the hub.
  boundary(
    ['domain/**/*.ts'],
    [
      'service-kit',
      'subgraph-kit',
      'gateway',
      'hive-gateway',
      'portal',
      'jobs',
      'migrations',
      ...AGENCIES,
      ...PRODUCT_MAY_NOT,
      'dashboard',
    ],
    'domain/ is the hub-wide vocabulary: it imports no other package of the hub.',
  ),
  boundary(
    ['service-kit/**/*.ts'],
    ['subgraph-kit', 'gateway', 'hive-gateway', 'portal', 'jobs', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'service-kit/ is what every service shares: it imports only @hub/domain.',
  ),
  // The subgraph kit is what every agency shares; it knows no agency.
  boundary(
    ['subgraph-kit/**/*.ts'],
    ['gateway', 'hive-gateway', 'portal', 'jobs', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'subgraph-kit/ never imports an agency package (nor the gateway, portal or job).',
  ),
  // No agency reads another agency's code (or database): data crosses only through the graph.
  ...AGENCIES.map((agency) =>
    boundary(
      [`subgraphs/${agency}/**/*.ts`],
      [...AGENCIES.filter((a) => a !== agency), 'gateway', 'hive-gateway', 'portal', 'jobs', ...PRODUCT_MAY_NOT, 'dashboard'],
      `A subgraph never imports another subgraph: ${agency} sees other agencies' data only through the gateway.`,
    ),
  ),
  boundary(
    ['gateway/**/*.ts'],
    ['subgraph-kit', 'hive-gateway', 'portal', 'jobs', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'gateway/ only federates: it knows the supergraph, not the subgraphs’ code, the portal or the job.',
  ),
  boundary(
    ['hive-gateway/**/*.ts'],
    ['subgraph-kit', 'gateway', 'portal', 'jobs', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'hive-gateway/ is the same federation on another engine: it shares only what every service shares.',
  ),
  boundary(
    ['portal/**/*.ts'],
    ['subgraph-kit', 'gateway', 'hive-gateway', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'portal/ reaches data only through the gateway (and the job package as its client).',
  ),
  boundary(
    ['jobs/**/*.ts'],
    ['subgraph-kit', 'gateway', 'hive-gateway', 'portal', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'jobs/ is a client of the gateway: it imports no service.',
  ),
  boundary(
    ['migrations/**/*.ts'],
    ['domain', 'service-kit', 'subgraph-kit', 'gateway', 'hive-gateway', 'portal', 'jobs', ...AGENCIES, ...PRODUCT_MAY_NOT, 'dashboard'],
    'migrations/ are plain TypeORM migrations: a schema change must not move when code changes.',
  ),
  boundary(
    ['dashboard/src/**/*.{ts,tsx}'],
    ['service-kit', 'subgraph-kit', 'gateway', 'hive-gateway', 'portal', 'jobs', 'migrations', ...AGENCIES, ...PRODUCT_MAY_NOT],
    'The dashboard talks to the portal over HTTP; of the hub’s code it bundles only @hub/domain’s browser part.',
  ),
  // The generator writes agencies' rows itself; its oracle must share no code with the product's rules.
  boundary(
    ['population/**/*.ts'],
    ['service-kit', 'subgraph-kit', 'gateway', 'hive-gateway', 'portal', 'jobs', 'migrations', ...AGENCIES, 'bench', 'cli', 'dashboard'],
    'population/ (generator and independent oracle) imports only @hub/domain.',
  ),

  {
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  prettier,
);
