import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // next-auth imports these without an extension; Node's ESM resolver needs the file.
      'next/server': 'next/server.js',
      'next/headers': 'next/headers.js',
      'next/navigation': 'next/navigation.js',
    },
  },
  test: {
    include: [
      'app/**/*.test.ts',
      'lib/**/*.test.ts',
      'components/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Processed by Vite so the aliases above reach next-auth's own imports.
    server: { deps: { inline: ['next-auth'] } },
  },
});
