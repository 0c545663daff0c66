import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./test/setup/summary-reporter.ts"],
    // wrangler dev (in the end-to-end and browser tests) would otherwise try to fetch Request.cf
    // data from the internet, which this project's machines cannot reach.
    env: { CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // Tests change KV between requests and must see every change at once.
            miniflare: {
              bindings: {
                HEAD_CACHE_SECONDS: "0",
                KEY_WRITE_INTERVAL_MS: "0",
                // Publish tokens of the ingest API's tests (secrets in production).
                PUBLISH_TOKEN: "test-publish-token-0123456789",
                PUBLISH_TOKEN_CMS: "test-cms-token-0123456789abcdef",
              },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/setup/seed-content.ts"],
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          // Several tests publish a few hundred synthetic articles more than once.
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
