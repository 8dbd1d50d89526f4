import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure logic, no peers; runs anywhere in seconds) and `e2e` (real gateway, real
// sshd, real Secret Service, real Chromium; started once per run by e2e/harness/global-setup.ts).
// `npm test` (e2e/harness/run-tests.sh) runs both inside a loopback-only network namespace.
export default defineConfig({
  test: {
    reporters: ["default", "./e2e/harness/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["src-main/**/*.test.ts", "src-shared/**/*.test.ts", "src-renderer/**/*.test.{ts,tsx}", "e2e/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          globalSetup: ["./e2e/harness/global-setup.ts"],
          environment: "node",
          // One shared gateway and sshd: files run one after another so a test that restarts the
          // gateway never pulls it out from under another file.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
