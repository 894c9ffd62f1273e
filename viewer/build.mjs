// Build the viewer into dist/: the page, and under assets/ one JS bundle, one CSS file and
// the MapLibre worker, each named by a hash of its content (so the server may cache them
// forever). Everything the page loads comes from dist/, served by `frontline serve`.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const dev = process.argv.includes('--dev');

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'assets'), { recursive: true });

const common = { absWorkingDir: here, outdir: dist, entryNames: 'assets/[name]-[hash]', bundle: true, minify: !dev, metafile: true, logLevel: 'warning' };
const js = await build({
  ...common,
  entryPoints: { app: join(here, 'src/main.js') },
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  sourcemap: dev ? 'inline' : false,
  legalComments: 'linked',
});
const css = await build({ ...common, entryPoints: { app: join(here, 'src/style.css') } });
// The hashed name of a build's output file with extension `ext`, relative to dist/.
const output = (result, ext) => relative(dist, join(here, Object.keys(result.metafile.outputs).find((f) => f.endsWith(ext))));

const workerSrc = join(here, 'node_modules/maplibre-gl/dist/maplibre-gl-csp-worker.js');
const workerHash = createHash('sha256').update(await readFile(workerSrc)).digest('hex').slice(0, 8).toUpperCase();
const worker = `assets/maplibre-gl-csp-worker-${workerHash}.js`;
await copyFile(workerSrc, join(dist, worker));
await copyFile(join(here, 'node_modules/maplibre-gl/LICENSE.txt'), join(dist, 'assets/maplibre-gl-LICENSE.txt'));

const page = (await readFile(join(here, 'index.html'), 'utf8'))
  .replace('href="app.css"', `href="${output(css, '.css')}"`)
  .replace('src="app.js"', `src="${output(js, '.js')}"`)
  .replace('content="maplibre-gl-csp-worker.js"', `content="${worker}"`);
await writeFile(join(dist, 'index.html'), page);
console.log(`built ${dist}: ${basename(output(js, '.js'))}, ${basename(output(css, '.css'))}`);
