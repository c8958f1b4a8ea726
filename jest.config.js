/**
 * Two projects, one command (`npm test` runs both; `npm run test:unit` only the first):
 * - unit: pure functions and in-process checks, no hub, seconds;
 * - integration: one real hub (embedded PostgreSQL, six subgraph processes, gateway, portal) started once by the
 *   global setup on free ports, then the suites through it over HTTP and in Chromium.
 * Workspace packages resolve to their TypeScript sources (transpiled by ts-jest), so a unit run needs no build;
 * the hub the integration suites start runs the built services (`npm test` builds first).
 */
const sources = {
  '^@hub/domain$': '<rootDir>/domain/src/index.ts',
  '^@hub/service-kit$': '<rootDir>/service-kit/src/index.ts',
  '^@hub/subgraph-kit$': '<rootDir>/subgraph-kit/src/index.ts',
  '^@hub/population$': '<rootDir>/population/src/index.ts',
  '^@hub/jobs$': '<rootDir>/jobs/src/index.ts',
  '^@hub/gateway$': '<rootDir>/gateway/src/server.ts',
  '^@hub/portal$': '<rootDir>/portal/src/server.ts',
  '^@hub/migrations$': '<rootDir>/migrations/index.ts',
  '^@hub/cli/(.*)$': '<rootDir>/cli/src/$1',
  '^@hub/civil-affairs/(.*)$': '<rootDir>/subgraphs/civil-affairs/src/$1',
};

const common = {
  testEnvironment: 'node',
  transform: {
    // Transpile only (type-checking is `npm run typecheck:tests`, part of `npm test`): fast, and the same
    // decorator metadata as the build.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  moduleNameMapper: sources,
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};

/**
 * @public (read by jest)
 * @type {import('jest').Config}
 */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      // One hub for all integration suites, started exactly as `npm start` does, on free ports.
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
  ],
  testTimeout: 120_000,
};
