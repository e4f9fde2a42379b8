// @ts-check
/**
 * Mutation testing of the pure rule modules (npm run test:mutation): each mutant is a one-line break
 * of a rule; a mutant no unit test notices is a rule no test pins. The score must not fall below
 * thresholds.break, which only ever goes up.
 *
 * Stryker changes no number and nothing inside `as const` (TIME_LIMITS, CLOCKS): the statutory amounts
 * are pinned by hand in test/unit/statutory-amounts.spec.ts and task-clock.spec.ts instead, against
 * the regulation's numbers and the hand-written calendar in test/support/statutory-calendar.ts.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // Each mutant runs only the spec files that import its module (--findRelatedTests), filtered to the tests that cover it.
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  // Only the mutated modules and their imports: checking every service that uses them took minutes.
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/clocks/deadline.ts',
    'src/clocks/task-clock.ts',
    'src/clocks/time-limits.ts',
    'src/clocks/business-calendar.ts',
    'src/access/access-policy.ts',
    'src/routing/hand-over-rules.ts',
    'src/routing/routing-planner.ts',
    'src/publicity/redaction.ts',
    'src/crypto/masking.ts',
    'src/camunda/worker-runtime/retry-policy.ts',
    'src/common/outage.ts',
    'src/common/text.ts',
    'src/hardening/json-body-guard.ts',
    'src/database/errors.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  // Static mutants (STEP_ROLES, the redaction patterns) are rules too: test them, though each reloads its specs.
  ignoreStatic: false,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // break: the score reached when mutation testing was introduced (100). Raise it, never lower it.
  thresholds: { high: 100, low: 95, break: 100 },
};
