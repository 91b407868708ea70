import { defineConfig } from 'vitest/config';

// The pure modules only: nothing here imports `vscode` (the real editor is exercised by e2e/).
export default defineConfig({
  test: {
    name: 'extension',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
