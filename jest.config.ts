import type { Config } from 'jest';

// Tests import the packages by name, as users do; map the names to sources so no build is needed.
const moduleNameMapper = {
  '^@conveyor-ts/core$': '<rootDir>/packages/core/src/index.ts',
  '^@conveyor-ts/core/processes$': '<rootDir>/packages/core/src/processes/index.ts',
  '^@conveyor-ts/core/testing$': '<rootDir>/packages/core/src/testing/index.ts',
  '^@conveyor-ts/decorators$': '<rootDir>/packages/decorators/src/index.ts',
  '^@conveyor-ts/decorators/testing$': '<rootDir>/packages/decorators/src/testing/index.ts',
  '^@conveyor-ts/control-plane$': '<rootDir>/packages/control-plane/src/index.ts',
  '^@conveyor-ts/cli$': '<rootDir>/packages/cli/src/index.ts',
};

// Type checking is `npm run typecheck`'s job; transpiling alone keeps the suites fast.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
};

// The hygiene guard: a run fails, naming the test file, if a process or temp folder a test made outlives it.
const hygiene = {
  testEnvironment: '<rootDir>/test/support/hygiene/hygiene-environment.ts',
  globalSetup: '<rootDir>/test/support/hygiene/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/hygiene/global-teardown.ts',
};

const shared = { rootDir: __dirname, moduleNameMapper, transform, ...hygiene };

const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/packages/*/src/**/__tests__/**/*.test.ts',
        '<rootDir>/examples/*/src/**/__tests__/**/*.test.ts',
        '<rootDir>/bench/**/__tests__/**/*.test.ts',
        '<rootDir>/scripts/**/__tests__/**/*.test.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The chaos suite kills processes and servers for minutes: it runs on its own (`npm run test:chaos`).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/chaos/', '<rootDir>/test/upstream/'],
      slowTestThreshold: 30,
    },
    {
      ...shared,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.test.ts'],
      slowTestThreshold: 120,
    },
    {
      ...shared,
      // Against the real Conveyor server (`npm run provision:upstream` builds it): `npm run test:upstream`.
      displayName: 'upstream',
      testMatch: ['<rootDir>/test/upstream/**/*.test.ts'],
      globalSetup: '<rootDir>/test/upstream/support/announce-skip.ts',
      slowTestThreshold: 60,
    },
  ],
};

export default config;
