import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Store tests open real files and child processes; forks keep native handles apart.
    pool: 'forks',
  },
});
