/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(appRoot, '../..');
const fromRepo = (path: string) => resolve(repoRoot, path);

export default defineConfig({
  root: appRoot,
  cacheDir: fromRepo('node_modules/.vite/web'),
  plugins: [react()],
  resolve: {
    // Exact-match aliases mirroring tsconfig.base.json paths (plus the global stylesheet).
    alias: [
      { find: /^@miroir\/shared\/contracts$/, replacement: fromRepo('libs/shared/contracts/src/index.ts') },
      { find: /^@miroir\/shared\/domain$/, replacement: fromRepo('libs/shared/domain/src/index.ts') },
      { find: /^@miroir\/web\/ui\/styles\.css$/, replacement: fromRepo('libs/web/ui/src/styles.css') },
      { find: /^@miroir\/web\/ui$/, replacement: fromRepo('libs/web/ui/src/index.ts') },
      { find: /^@miroir\/web\/data-access$/, replacement: fromRepo('libs/web/data-access/src/index.ts') },
      { find: /^@miroir\/web\/i18n$/, replacement: fromRepo('libs/web/i18n/src/index.ts') },
      { find: /^@miroir\/web\/auth$/, replacement: fromRepo('libs/web/auth/src/index.ts') },
      { find: /^@miroir\/web\/plans$/, replacement: fromRepo('libs/web/plans/src/index.ts') },
      { find: /^@miroir\/web\/members$/, replacement: fromRepo('libs/web/members/src/index.ts') },
      { find: /^@miroir\/web\/testing$/, replacement: fromRepo('libs/web/testing/src/index.ts') },
    ],
  },
  build: {
    outDir: fromRepo('dist/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 4200,
    strictPort: true,
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
      '/socket.io': { target: 'http://localhost:3000', ws: true, changeOrigin: false },
    },
  },
  preview: { port: 4200 },
  test: {
    root: repoRoot,
    dir: repoRoot,
    environment: 'jsdom',
    include: ['apps/web/src/**/*.spec.tsx', 'libs/web/**/*.spec.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: [fromRepo('apps/web/src/test-setup.ts')],
    restoreMocks: true,
    unstubGlobals: true,
    css: false,
  },
});
