import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Store tests open real files and child processes; forks keep native handles apart.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      // The API suite once more with every ledger a scale-out node: STORE=postgres, BullMQ
      // workers keeping the read models in Redis (test/api/harness.ts). Not a copy of the tests.
      {
        extends: true,
        test: {
          name: 'api-postgres',
          include: ['test/api/**/*.test.ts'],
          // It opens the ledger itself, on files: DATA_DIR's permissions are the embedded store's.
          exclude: ['test/api/data-dir-permissions.test.ts'],
          env: { LEDGER_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
