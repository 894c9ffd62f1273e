// Build the viewer into dist/: one JS bundle, one CSS file, the MapLibre worker and the
// page. Everything the page loads comes from dist/, served by `frontline serve`.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const dev = process.argv.includes('--dev');

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src/main.js') },
  outdir: dist,
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'linked',
  logLevel: 'warning',
});
await build({
  entryPoints: { app: join(here, 'src/style.css') },
  outdir: dist,
  bundle: true,
  minify: !dev,
  logLevel: 'warning',
});
await copyFile(join(here, 'node_modules/maplibre-gl/dist/maplibre-gl-csp-worker.js'), join(dist, 'maplibre-gl-csp-worker.js'));
await copyFile(join(here, 'node_modules/maplibre-gl/LICENSE.txt'), join(dist, 'maplibre-gl-LICENSE.txt'));
await copyFile(join(here, 'index.html'), join(dist, 'index.html'));
console.log(`built ${dist}`);
