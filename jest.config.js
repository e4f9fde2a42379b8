/** Unit tests need nothing running; integration and e2e tests start the engine and the API themselves. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const common = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] };

// The fault suite kills processes and takes minutes: it runs only when asked for by name
// (`npm run test:faults`, `jest --selectProjects faults`, or a path under test/faults), never in `npm test`.
const faultsAskedFor = process.argv.some((arg) => /(^|[=,])faults(,|$)/.test(arg) || arg.includes('test/faults'));
// The business-database outage needs a database server to cut off; SQLite lives inside the API.
const faultsIgnored = process.env.TEST_DB === 'mariadb' ? [] : ['<rootDir>/test/faults/database-outage.spec.ts'];

module.exports = {
  // Fault tests kill and time processes on a small machine: one file at a time. Node sometimes
  // spins at exit after the children it killed (in its handle cleanup), so Jest exits at once.
  ...(faultsAskedFor ? { maxWorkers: 1, forceExit: true } : {}),
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      // Integration (HTTP, engine, database) and end-to-end (headless Chromium) tests share one stack.
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/test/e2e/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    ...(faultsAskedFor
      ? [
          {
            ...common,
            // Black-box fault tests: each file starts, kills and restarts its own engine and API.
            displayName: 'faults',
            testMatch: ['<rootDir>/test/faults/**/*.spec.ts'],
            testPathIgnorePatterns: ['/node_modules/', ...faultsIgnored],
            globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
            globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
          },
        ]
      : []),
  ],
};
