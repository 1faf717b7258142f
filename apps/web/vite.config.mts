/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(appRoot, '../..');
const fromRepo = (path: string) => resolve(repoRoot, path);

/** Runtime cache of the api's GET answers (cleared on sign-out by the app shell). */
const API_CACHE_NAME = 'miroir-api';

/**
 * Offline app shell: a generated service worker precaches the built files, answers every
 * navigation with index.html and keeps the last answer of each `GET /api/*` (network first) so
 * that a page visited once opens offline. Registered by a deferred external script: the CSP
 * (`script-src 'self'`) forbids the inline variant. Not loaded under vitest.
 */
function offlineShell(): PluginOption {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: 'script-defer',
    manifest: {
      name: 'Miroir — groupe miroir DGS',
      short_name: 'Miroir',
      description: 'Espace de travail collaboratif du groupe miroir DGS / CNFPT',
      lang: 'fr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#000091',
      background_color: '#ffffff',
      icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg}'],
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api/, /^\/socket\.io/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/'),
          method: 'GET',
          handler: 'NetworkFirst',
          options: {
            cacheName: API_CACHE_NAME,
            networkTimeoutSeconds: 3,
            cacheableResponse: { statuses: [200] },
            expiration: { maxEntries: 200, maxAgeSeconds: 14 * 24 * 60 * 60 },
          },
        },
      ],
    },
  });
}

export default defineConfig({
  root: appRoot,
  cacheDir: fromRepo('node_modules/.vite/web'),
  plugins: [react(), process.env['VITEST'] ? null : offlineShell()],
  resolve: {
    // Exact-match aliases mirroring tsconfig.base.json paths (plus the global stylesheet).
    alias: [
      { find: /^@miroir\/shared\/contracts$/, replacement: fromRepo('libs/shared/contracts/src/index.ts') },
      { find: /^@miroir\/shared\/domain$/, replacement: fromRepo('libs/shared/domain/src/index.ts') },
      { find: /^@miroir\/shared\/collab-protocol$/, replacement: fromRepo('libs/shared/collab-protocol/src/index.ts') },
      { find: /^@miroir\/shared\/collab-client$/, replacement: fromRepo('libs/shared/collab-client/src/index.ts') },
      { find: /^@miroir\/web\/ui\/styles\.css$/, replacement: fromRepo('libs/web/ui/src/styles.css') },
      { find: /^@miroir\/web\/ui$/, replacement: fromRepo('libs/web/ui/src/index.ts') },
      { find: /^@miroir\/web\/data-access$/, replacement: fromRepo('libs/web/data-access/src/index.ts') },
      { find: /^@miroir\/web\/i18n$/, replacement: fromRepo('libs/web/i18n/src/index.ts') },
      { find: /^@miroir\/web\/auth$/, replacement: fromRepo('libs/web/auth/src/index.ts') },
      { find: /^@miroir\/web\/plans$/, replacement: fromRepo('libs/web/plans/src/index.ts') },
      { find: /^@miroir\/web\/members$/, replacement: fromRepo('libs/web/members/src/index.ts') },
      { find: /^@miroir\/web\/proposals$/, replacement: fromRepo('libs/web/proposals/src/index.ts') },
      { find: /^@miroir\/web\/votes$/, replacement: fromRepo('libs/web/votes/src/index.ts') },
      { find: /^@miroir\/web\/testing$/, replacement: fromRepo('libs/web/testing/src/index.ts') },
      { find: /^@miroir\/web\/annotations$/, replacement: fromRepo('libs/web/annotations/src/index.ts') },
      { find: /^@miroir\/web\/threads$/, replacement: fromRepo('libs/web/threads/src/index.ts') },
      { find: /^@miroir\/web\/notifications$/, replacement: fromRepo('libs/web/notifications/src/index.ts') },
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
