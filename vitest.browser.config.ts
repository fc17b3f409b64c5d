import { defineConfig } from "vitest/config";

// Real Chromium against a real server: one file at a time keeps two cores calm.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: ".cache/test-results/browser.json" }]],
  },
});
