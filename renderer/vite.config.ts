import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

// base './' because the desktop app loads the build from app:// and the web
// build from the loopback server's root: relative asset URLs work for both.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    // No inline scripts or module-preload polyfill: the CSP forbids inline code.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
});
