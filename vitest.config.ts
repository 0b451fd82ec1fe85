import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: threads keep start-up cheap.
    pool: 'threads',
    testTimeout: 30_000,
  },
});
