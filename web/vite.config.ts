/**
 * The web page's build (docs/web.md): web/ into dist/web, which `drillsim serve` serves at `/`. Everything is
 * bundled (no CDN); the editor, the charts and the map are separate chunks loaded when their view opens.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    // The plugin-timing note is about vite's own CSS plugin on a 2-core machine, not about this build.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
