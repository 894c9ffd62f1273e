// A stand-in for `frontline serve` while developing the viewer: it answers the API
// contract by running the real CLI (same contracts), and serves viewer/dist.
// Usage: node test/mock-server.mjs --db /tmp/s.db [--bin target/debug/frontline] [--port 0]
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, extname, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const { values: opts } = parseArgs({
  options: {
    db: { type: 'string' },
    bin: { type: 'string', default: join(repo, 'target/debug/frontline') },
    port: { type: 'string', default: '0' },
  },
});
const dist = join(repo, 'viewer', 'dist');
const data = join(repo, 'data', 'syria');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

function cli(args) {
  return new Promise((ok, fail) => {
    execFile(opts.bin, ['--db', opts.db, ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) fail(new Error(stderr || String(err)));
      else ok(stdout);
    });
  });
}

function methodArgs(q) {
  const out = [];
  for (const [k, flag] of [['cap_km', '--cap-km'], ['band_km', '--band-km'], ['stale_days', '--stale-days'], ['effective_km', '--effective-km']]) {
    if (q.has(k)) out.push(flag, q.get(k));
  }
  return out;
}

function csvRows(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const cache = new Map();
async function api(path, q) {
  const date = q.get('date');
  const m = methodArgs(q);
  switch (path) {
    case '/api/conflict': {
      const c = JSON.parse(await readFile(join(data, 'conflict.json'), 'utf8'));
      return { ...c, bbox: [35.7, 32.3, 42.4, 37.4], today: new Date().toISOString().slice(0, 10) };
    }
    case '/api/boundary': return JSON.parse(await readFile(join(data, 'boundary.geojson'), 'utf8'));
    case '/api/regions': return JSON.parse(await readFile(join(data, 'regions.geojson'), 'utf8'));
    case '/api/parties': return JSON.parse(await cli(['parties', '--format', 'json']));
    case '/api/places': return JSON.parse(await cli(['places', '--format', 'json']));
    case '/api/milestones':
      return csvRows(await readFile(join(data, 'talks.csv'), 'utf8')).map((r) => ({ id: r.id, name: r.name, start: r.start, end: r.end, location: r.location, series: r.series }));
    case '/api/evidence-histogram': {
      const months = new Map();
      for (const r of csvRows(await readFile(join(data, 'observations.csv'), 'utf8'))) {
        const k = r.date.slice(0, 7);
        months.set(k, (months.get(k) || 0) + 1);
      }
      return [...months].sort().map(([month, observations]) => ({ month, observations }));
    }
    case '/api/state': {
      const places = new Map(JSON.parse(await cli(['places', '--format', 'json'])).map((p) => [p.id, p]));
      return JSON.parse(await cli(['state', '--date', date, '--format', 'json'])).map((s) => ({ ...s, lon: places.get(s.place)?.lon, lat: places.get(s.place)?.lat }));
    }
    case '/api/stats': return JSON.parse(await cli(['stats', '--date', date, '--format', 'json', ...m]));
    case '/api/series': return JSON.parse(await cli(['series', '--from', q.get('from'), '--to', q.get('to'), '--step', q.get('step') || 'month', '--format', 'json', ...m]));
    case '/api/diff': return JSON.parse(await cli(['diff', q.get('from'), q.get('to'), '--format', 'json', ...m]));
    case '/api/why': return JSON.parse(await cli(['why', '--date', date, '--at', `${q.get('lon')},${q.get('lat')}`, '--format', 'json', ...m]));
    case '/api/areas': return JSON.parse(await cli(['areas', '--date', date, ...m]));
    case '/api/frontlines': return JSON.parse(await cli(['frontlines', '--date', date, ...m]));
    case '/api/presence': return JSON.parse(await cli(['presence', '--date', date, '--format', 'geojson']));
    default: {
      const h = path.match(/^\/api\/places\/([^/]+)\/history$/);
      if (h) return JSON.parse(await cli(['history', decodeURIComponent(h[1]), '--format', 'json']));
      return null;
    }
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (url.pathname.startsWith('/api/')) {
      const key = url.pathname + url.search;
      if (!cache.has(key)) cache.set(key, api(url.pathname, url.searchParams));
      let body;
      try { body = await cache.get(key); } catch (e) { cache.delete(key); throw e; }
      if (body === null) { res.writeHead(404, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: { code: 'not_found', message: `no such endpoint: ${url.pathname}` } })); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    if (url.pathname.startsWith('/api/') === false && url.pathname.startsWith('/tiles/')) { res.writeHead(404); res.end(); return; }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    if (file.includes('..')) { res.writeHead(400); res.end(); return; }
    const body = await readFile(join(dist, file));
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch (e) {
    const missing = e.code === 'ENOENT';
    res.writeHead(missing ? 404 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: missing ? 'not_found' : 'bad_request', message: String(e.message).split('\n')[0] } }));
  }
});
server.listen(Number(opts.port), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
