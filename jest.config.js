/** Jest configuration: SWC transpiles TypeScript; type checking happens in `npm run lint`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 60000,
  // Most tests wait on servers (Temporal, HTTP sandboxes, databases) rather than compute: two workers overlap them.
  maxWorkers: 2,
};
