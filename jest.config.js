/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only (type-checking is `npm run typecheck:tests`, part of `npm test`): fast, and the same
    // decorator metadata as the build.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // Test ports sit below Linux's ephemeral range (32768–60999), where a client socket could hold them.
  // The integration suites share one hub (embedded PostgreSQL, six subgraphs, gateway) started once.
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  testTimeout: 120_000,
};
