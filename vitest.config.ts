import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: threads keep start-up cheap.
    pool: 'threads',
    // Generous: a busy 2-core machine runs OCR, LibreOffice and 30,000-row sheets side by side; speed is the benchmarks' business.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
