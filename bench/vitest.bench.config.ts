import { defineConfig } from "vitest/config";

// `npm run bench`: the benchmarks in bench/*.bench.ts, one file after another, inside the loopback-only
// sandbox (the script wraps this in e2e/harness/sandbox.sh under `unshare --net`). Never part of `npm test`.
export default defineConfig({
  test: {
    include: ["bench/**/*.bench.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
  },
});
