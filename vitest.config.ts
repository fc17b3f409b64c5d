import { defineConfig } from "vitest/config";

// Two cores on the CI machine: two forks keep the suite fast without thrashing.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    // Hash at the test cost (never in production: see the file) and seed the demo once per run.
    setupFiles: ["test/support/fast-hashing.ts"],
    globalSetup: ["test/support/demo-db-image.ts"],
    // The JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: ".cache/test-results/unit.json" }]],
  },
});
