import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { postgresForTests, postgresTestGlobs } from './test/helpers/engines.ts';

const root = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // next-auth imports these without an extension; Node's ESM resolver needs the file.
      'next/server': 'next/server.js',
      'next/headers': 'next/headers.js',
      'next/navigation': 'next/navigation.js',
    },
  },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: one fork on a 2-core machine, which leaves a core
    // idle while most files wait on child processes, sockets and PostgreSQL.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ['test/helpers/engine-setup.ts'],
    // Processed by Vite so the aliases above reach next-auth's own imports.
    server: { deps: { inline: ['next-auth'] } },
    // One project per engine of the app's store (see test/helpers/engines.ts for which tests run on which).
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'app/**/*.test.ts',
            'lib/**/*.test.ts',
            'components/**/*.test.ts',
            'test/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
          provide: { dbEngine: 'sqlite' },
        },
      },
      ...(postgresForTests()
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: postgresTestGlobs(root),
                globalSetup: ['test/helpers/pg-global-setup.ts'],
                provide: { dbEngine: 'postgres' as const },
              },
            },
          ]
        : []),
    ],
  },
});
