import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Servers bind ephemeral ports; files run in parallel, tests inside a file in order.
    pool: 'forks',
  },
});
