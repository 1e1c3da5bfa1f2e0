import { defineConfig } from 'vitest/config';

// Two projects: unit tests run in parallel; integration tests share one private ActiveMQ
// (started by test/fixtures/global-broker.ts) and run one file at a time on these 2-core machines.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/fixtures/global-broker.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
