// Three tiers: unit (pure logic, no I/O), integration (the api over HTTP on a real PostgreSQL),
// e2e (the built app in Chromium). The web app's component tests run under vitest.
const { compilerOptions } = require('./tsconfig.base.json');

const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace(/\//g, '\\/')}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: aliases,
  rootDir: __dirname,
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/shared/**/*.spec.ts', '<rootDir>/libs/api/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/api/test/**/*.spec.ts'],
      globalSetup: '<rootDir>/libs/api/db/src/testing/global-setup.ts',
      globalTeardown: '<rootDir>/libs/api/db/src/testing/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.spec.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
    },
  ],
};
