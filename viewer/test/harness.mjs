// Shared set-up of the browser tests: a fresh built-in Syria database in a temp dir, the real
// `frontline serve` on port 0 (or the CLI-backed mock while the binary has no `serve`), and
// Debian's Chromium driven by playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const artifacts = join(here, 'artifacts');
export const bin = resolve(repo, process.env.FRONTLINE_BIN || 'target/debug/frontline');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

/** A place with a hostile name, to prove labels are text. */
export const HOSTILE_NAME = '<script>alert(1)</script>';

function hasServe() {
  // FRONTLINE_VIEWER_MOCK=1: serve viewer/dist from disk through the mock (no binary rebuild
  // after each viewer change while developing).
  if (process.env.FRONTLINE_VIEWER_MOCK === '1') return false;
  try {
    execFileSync(bin, ['serve', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A fresh database with the built-in Syria data plus one place with a hostile name. */
export function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-viewer-'));
  const db = join(dir, 'syria.db');
  execFileSync(bin, ['--db', db, 'init'], { stdio: 'ignore' });
  const places = join(dir, 'hostile-places.csv');
  writeFileSync(places, `id,name,name_ar,lon,lat,kind,population,population_year,population_source,region\nhostile-label,"${HOSTILE_NAME}","<img src=x onerror=alert(2)>",37.6,34.55,city,250000,2010,test,SY-HI\n`);
  const obs = join(dir, 'hostile-observations.csv');
  writeFileSync(obs, `place,date,status,party,party2,party3,source_publisher,source_title,source_url,source_date,source_stance,source2_publisher,source2_title,source2_url,source2_date,source2_stance,confidence,valid_until,note\nhostile-label,2012-01-01,controlled,government,,,"<b>Publisher</b>","<script>alert(3)</script>",https://example.org/?q=%3Cscript%3E,2012-01-02,neutral,,,,,,low,,"<img src=x onerror=alert(5)>"\n`);
  execFileSync(bin, ['--db', db, 'import', places], { stdio: 'ignore' });
  execFileSync(bin, ['--db', db, 'import', obs], { stdio: 'ignore' });
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Start the server on 127.0.0.1 port 0; resolves with its base URL and a stop function. */
export function startServer(db) {
  const real = hasServe();
  const args = real
    ? ['--db', db, 'serve', '--addr', '127.0.0.1:0']
    : [join(here, 'mock-server.mjs'), '--db', db, '--bin', bin, '--port', '0'];
  const child = spawn(real ? bin : process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not print its URL in time:\n${out}`)), 30000);
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        ok({ url: `http://127.0.0.1:${m[1]}`, real, stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${out}`)); });
  });
}

/**
 * Debian's Chromium, headless, with nothing that phones home, in a new empty profile.
 * Returns a browser context (pages share the viewport and pixel ratio given here).
 */
export async function launchBrowser({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'frontline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    deviceScaleFactor,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

export function artifactPath(name) {
  mkdirSync(artifacts, { recursive: true });
  return join(artifacts, name);
}

/** Wait until the viewer has drawn the map of its current date. */
export async function waitForMap(page) {
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.frontlineMap && window.frontlineMap.loaded() && document.getElementById('loading').hidden
    && window.frontlineMap.querySourceFeatures('areas').length > 0, null, { timeout: 60000 });
  await page.evaluate(() => new Promise((r) => { const m = window.frontlineMap; if (m.loaded() && !m.isMoving()) m.once('idle', r); else m.once('idle', r); m.triggerRepaint(); }));
}

/** The RGB colour of the page's pixel at (x, y), read from a 1×1 screenshot. */
export async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return decodeOnePixel(png);
}

function decodeOnePixel(png) {
  // A 1×1 PNG: IHDR then IDAT; whatever the row filter, a single pixel's bytes come out raw.
  const { inflateSync } = awaitZlib();
  let off = 8;
  let colorType = 2;
  const idat = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    const body = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') colorType = body[9];
    if (type === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  if (colorType !== 2 && colorType !== 6) throw new Error(`unexpected PNG colour type ${colorType}`);
  return [raw[1], raw[2], raw[3]];
}

import * as zlib from 'node:zlib';
function awaitZlib() { return zlib; }
