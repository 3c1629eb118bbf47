import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Statistical oracle tests run many replications; give them room on a 2-core CI box.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Property tests (fast-check) use a fixed seed: see the file.
    setupFiles: ['test/support/fast-check-seed.ts'],
  },
});
