/**
 * The unit tests that exercise the pure rule modules Stryker mutates (stryker.config.mjs), and no
 * others: every extra spec file is run for nothing on each mutant. Compiled without type checking
 * (the unit suite and `npm run lint:types` check types; Stryker's typescript checker rejects mutants
 * that do not compile), which makes each of the several hundred runs about four times faster.
 */
const base = require('./jest.config.js').projects.find((project) => project.displayName === 'unit');

const transpileOnly = {
  module: 'commonjs',
  moduleResolution: 'node',
  target: 'ES2022',
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  isolatedModules: true,
};

module.exports = {
  ...base,
  rootDir: __dirname,
  displayName: 'mutation',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: transpileOnly }] },
  testMatch: [
    'access-policy',
    'business-calendar',
    'deadline',
    'masking',
    'redaction',
    'routing-rules',
    'statutory-amounts',
    'task-clock',
    'retry-policy',
    'outage',
    'json-body-guard',
    'database-errors',
  ].map((name) => `<rootDir>/test/unit/${name}.spec.ts`),
};
