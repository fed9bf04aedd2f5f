// Five projects: pure unit tests, the Salesforce emulator (driven by jsforce), module tests, whole-app HTTP tests
// and browser tests of the admin. The database-backed ones share one embedded PostgreSQL started by the global setup.
const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", tsx: true, decorators: true },
        transform: { react: { runtime: "automatic" } },
      },
    },
  ],
}

const base = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["<rootDir>/.medusa/", "<rootDir>/dist/"],
}

module.exports = {
  globalSetup: "<rootDir>/integration-tests/setup/global-setup.js",
  globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.js",
  projects: [
    {
      ...base,
      displayName: "unit",
      testMatch: [
        "<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s",
        "<rootDir>/scripts/**/__tests__/**/*.unit.spec.[jt]s",
      ],
    },
    {
      ...base,
      displayName: "emulator",
      testMatch: [
        "<rootDir>/packages/salesforce-emulator/**/__tests__/**/*.spec.[jt]s",
      ],
    },
    {
      ...base,
      displayName: "module",
      testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.module.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup/env.js"],
    },
    {
      ...base,
      displayName: "browser",
      testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
    },
    {
      ...base,
      displayName: "http",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup/env.js"],
    },
  ],
}
