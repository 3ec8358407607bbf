/**
 * Jest runs TypeScript through swc. NestJS 12 and a few of its dependencies ship ES modules only;
 * they are transformed to CommonJS as well.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@fastify|fastify|cookie|content-disposition)/)'],
  // '@ambidex/x' is libs/x/src; a context's entry point for domains ('@ambidex/portfolio/domain') is libs/x/src/domain.
  moduleNameMapper: {
    '^@ambidex/([a-z-]+)/([a-z-]+)$': '<rootDir>/libs/$1/src/$2',
    '^@ambidex/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Also the bound of set-up hooks, which make a database of their own and users (argon2 hashes): on a busy 2-core
  // machine those take longer than a test. No test asserts on time; this only decides when a stuck one gives up.
  testTimeout: 60_000,
};
