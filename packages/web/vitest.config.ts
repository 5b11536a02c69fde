import { defineConfig } from "vitest/config";

// Unit tests of the web package: pure modules (formatting, translations, routing, the API client) and
// source scans (no literal UI text in components). They run in Node; the browser is covered by e2e/.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
  },
});
