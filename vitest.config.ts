import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests that build write into temporary folders only; the committed dist/ is only read.
    pool: 'forks',
  },
});
