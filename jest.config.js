// Jest runs the TypeScript sources directly through ts-jest (type-checking is `make typecheck`); the packages'
// names resolve to their sources as tsconfig.json's `paths` says (scripts/source-paths.js).
const { sourcePaths } = require('./scripts/source-paths');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: Object.fromEntries(
    Object.entries(sourcePaths()).map(([name, file]) => [`^${escape(name)}$`, file]),
  ),
  testTimeout: 60000,
};
