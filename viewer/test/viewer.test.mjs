// Browser tests of the viewer: the real `frontline serve` on port 0 over a fresh built-in Syria
// database, Debian's headless Chromium. Run with `npm test` (FRONTLINE_BIN names the binary).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { freshDatabase, startServer, launchBrowser, waitForMap, pixel, artifactPath, HOSTILE_NAME } from './harness.mjs';

const RAQQA = [38.9981, 35.9594];
// From data/syria/parties.csv: ISIS #000000, SDF #ffd92f.
const isBlackish = ([r, g, b]) => Math.max(r, g, b) < 90;
const isSdfYellow = ([r, g, b]) => r > 200 && g > 170 && b < 140;

let db;
let server;
let browser;
const requests = [];
const dialogs = [];
const refused = [];
const watch = (page) => {
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text()); });
};

before(async () => {
  db = freshDatabase();
  server = await startServer(db.db);
  console.log(server.real ? `# testing the viewer served by frontline serve at ${server.url}` : '# FRONTLINE_VIEWER_MOCK=1 or no `serve` in this binary: testing against the CLI-backed mock server');
  browser = await launchBrowser({ viewport: { width: 1280, height: 820 } });
  browser.context.on('request', (r) => requests.push(r.url()));
  browser.context.on('page', watch);
});

after(async () => {
  await browser?.close();
  server?.stop();
  db?.cleanup();
});

async function open(hash) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/#${hash}`);
  await waitForMap(page);
  return { page, errors };
}

/** The page position of a lon/lat on the main map. */
async function at(page, lonlat) {
  return page.evaluate(([lon, lat]) => {
    const map = window.frontlineMap;
    const p = map.project([lon, lat]);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lonlat);
}

/** Two points of open land (no place dot or label within 12 px) within 60 px of `lonlat`. */
async function landNear(page, lonlat) {
  const points = await page.evaluate(([lon, lat]) => {
    const map = window.frontlineMap;
    const r = map.getCanvas().getBoundingClientRect();
    const c = map.project([lon, lat]);
    const found = [];
    for (let d = 8; d <= 60 && found.length < 2; d += 4) {
      for (const [dx, dy] of [[0, d], [d, 0], [0, -d], [-d, 0], [d, d], [-d, -d], [d, -d], [-d, d]]) {
        const x = c.x + dx;
        const y = c.y + dy;
        const near = map.queryRenderedFeatures([[x - 12, y - 12], [x + 12, y + 12]], { layers: ['places'] });
        const top = document.elementFromPoint(r.left + x, r.top + y);
        if (!near.length && top === map.getCanvas() && found.length < 2) found.push({ x: r.left + x, y: r.top + y });
      }
    }
    return found;
  }, lonlat);
  assert.equal(points.length, 2, `open land near ${lonlat}`);
  return points;
}

test('moving the slider from 2015 to 2018 turns Raqqa from ISIS black to SDF yellow', async () => {
  // Close in, so that open land next to the city (its own and its villages' cells) is
  // seen between the place dots of the dense gazetteer.
  const { page, errors } = await open('date=2015-06-01&view=10/35.9594/38.9981');
  assert.equal(await page.textContent('#asof-a'), '1 June 2015');
  const [p, q] = await landNear(page, RAQQA);
  const before2015 = [await pixel(page, p.x, p.y), await pixel(page, q.x, q.y)];
  assert.ok(before2015.every(isBlackish), `Raqqa in 2015 should be ISIS black, got ${JSON.stringify(before2015)}`);

  const value = await page.evaluate(() => {
    const start = Date.parse(`${document.getElementById('date-input').min}T00:00:00Z`);
    return String(Math.round((Date.parse('2018-06-01T00:00:00Z') - start) / 86400000));
  });
  await page.locator('#slider').fill(value);
  await page.waitForFunction(() => document.getElementById('asof-a').getAttribute('datetime') === '2018-06-01');
  await waitForMap(page);
  assert.equal(await page.textContent('#asof-a'), '1 June 2018');
  const in2018 = [await pixel(page, p.x, p.y), await pixel(page, q.x, q.y)];
  assert.ok(in2018.every(isSdfYellow), `Raqqa in 2018 should be SDF yellow, got ${JSON.stringify(in2018)}`);
  assert.match(page.url(), /date=2018-06-01/, 'the URL carries the date');
  await page.mouse.move(q.x, q.y);
  await page.waitForSelector('#hover:not([hidden])');
  assert.match(await page.textContent('#hover'), /Syrian Democratic Forces/, 'hovering names the area');
  await page.screenshot({ path: artifactPath('desktop-raqqa-2018.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking a place opens its history with sources', async () => {
  // Close in on the place's own point: the dense gazetteer has several places within a
  // few km of it.
  const raqqaPlace = [39.00788, 35.95283];
  const { page } = await open('date=2018-06-01&view=12/35.95283/39.00788');
  const p = await at(page, raqqaPlace);
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('[data-body="place"]:not([hidden]) .history .obs');
  assert.equal(await page.textContent('.place-name'), 'Raqqa');
  const sources = await page.locator('[data-body="place"] .sources a').count();
  assert.ok(sources > 0, 'at least one source link');
  const href = await page.locator('[data-body="place"] .sources a').first().getAttribute('href');
  assert.match(href, /^https?:\/\//);
  assert.match(page.url(), /tab=place&place=raqqa/);
  await page.close();
});

/** A point of party land near the map's centre with no place (nor label) under or near it. */
async function openLand(page) {
  return page.evaluate(() => {
    const map = window.frontlineMap;
    const r = map.getCanvas().getBoundingClientRect();
    for (let dy = -200; dy <= 200; dy += 20) {
      for (let dx = -200; dx <= 200; dx += 20) {
        const x = r.width / 2 + dx;
        const y = r.height / 2 + dy;
        const near = map.queryRenderedFeatures([[x - 20, y - 20], [x + 20, y + 20]], { layers: ['places'] });
        const land = map.queryRenderedFeatures([x, y], { layers: ['areas-party'] });
        const top = document.elementFromPoint(r.left + x, r.top + y);
        if (!near.length && land.length && top === map.getCanvas()) return { x: r.left + x, y: r.top + y };
      }
    }
    return null;
  });
}

test('clicking open land explains its colour with the deciding evidence', async () => {
  const { page } = await open('date=2018-06-01&view=7/35.96/38.9');
  const p = await openLand(page);
  assert.ok(p, 'found open land near Raqqa');
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('[data-body="why"]:not([hidden]) .why-explanation');
  const text = await page.textContent('.why-explanation');
  assert.match(text, /nearest place/i);
  assert.ok(await page.locator('[data-body="why"] .sources li').count() > 0, 'the evidence names a source');
  await page.close();
});

test('land with no evidence of its own says whose state it takes, and old evidence is flagged', async () => {
  // Near Homs in 2021: the villages there were last reported by the mid-2017 snapshot, which
  // has expired, so their land takes Homs's state, last reported in 2017.
  const { page } = await open('date=2021-06-01&view=10/34.75/36.75');
  const p = await at(page, [36.75, 34.75]);
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('[data-body="why"]:not([hidden]) .why-explanation');
  assert.match(await page.textContent('.why-explanation'), /no evidence of its own on .*nearest observed place/);
  assert.match(await page.textContent('[data-body="why"] .why-old'), /old evidence: the report behind it is [\d,]+ days old/);
  assert.match(await page.textContent('[data-body="why"] .facts'), /State taken from/);
  await page.close();
});

test('a colour that comes from a report about a whole area names the area and draws its outline', async () => {
  // North of Homs on 1 June 2018: the government took the northern Homs pocket on 16 May
  // (data/syria/areas.geojson, an area observation drawn from the towns the article names).
  const { page, errors } = await open('date=2018-06-01&view=10/34.9/36.7');
  const [p] = await landNear(page, [36.7, 34.9]);
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('[data-body="why"]:not([hidden]) .why-area');
  assert.match(await page.textContent('[data-body="why"] .why-area'), /report about the whole area “Northern Homs pocket”/);
  assert.match(await page.textContent('[data-body="why"] .facts'), /Area evidence\s*Northern Homs pocket/);
  await page.click('[data-body="why"] .area-outline');
  await page.waitForFunction(() => {
    const map = window.frontlineMap;
    return map.isStyleLoaded() && map.queryRenderedFeatures({ layers: ['evidence-area'] }).length > 0;
  });
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Arabic, why a point has its colour is said in Arabic, with the place named in Arabic', async () => {
  const { page } = await open('date=2018-06-01&view=7/35.96/38.9&lang=ar');
  const p = await openLand(page);
  assert.ok(p, 'found open land near Raqqa');
  const answer = page.waitForResponse((r) => r.url().includes('/api/why'));
  await page.mouse.click(p.x, p.y);
  const why = await (await answer).json();
  await page.waitForSelector('[data-body="why"]:not([hidden]) .why-explanation');
  const text = await page.textContent('.why-explanation');
  assert.match(text, /أقرب مكان/);
  // Every word is Arabic but the names of places that have no Arabic name in the data
  // (most villages of the gazetteer have none yet).
  let rest = text;
  for (const name of [why.place_name, why.lender_name]) if (name) rest = rest.split(name).join('');
  assert.doesNotMatch(rest, /[A-Za-z]/, `no Latin letters but place names: ${text}`);
  assert.doesNotMatch(await page.textContent('[data-body="why"] .facts'), /nearest/);
  await page.close();
});

const unknownShare = async (page) => (await page.locator('tr.row-unknown').count()
  ? parseFloat(await page.locator('tr.row-unknown td.num').first().evaluate((td) => td.firstChild.textContent.replace(/[^\d.]/g, '')))
  : 0);

test('the shares panel states the method and recomputes when it changes', async () => {
  const { page } = await open('date=2017-12-13');
  await page.waitForSelector('table.shares tbody tr');
  const method = await page.textContent('.method');
  assert.match(method, /nearest observed place/);
  assert.match(method, /35 km/);
  const unknownBefore = await unknownShare(page);
  await page.selectOption('select[name="cap_km"]', 'none');
  await page.waitForFunction(() => location.hash.includes('cap_km=none'));
  await waitForMap(page);
  await page.waitForFunction(() => /Distance cap none/.test(document.querySelector('.method').textContent));
  const unknownAfter = await unknownShare(page);
  assert.ok(unknownAfter < unknownBefore, `with no cap, less land is unknown (${unknownBefore}% before, ${unknownAfter}% after)`);
  await page.waitForSelector('#series path.band-party');
  await page.close();
});

test('compare lists what changed between two dates', async () => {
  const { page } = await open('date=2018-01-01&compare=2015-01-01');
  await page.waitForSelector('[data-body="changes"]:not([hidden]) ol.changes li');
  const names = await page.locator('ol.changes .place-link').allTextContents();
  assert.ok(names.includes('Aleppo'), `Aleppo changed hands between 2015 and 2018: ${names.slice(0, 5)}`);
  assert.ok(await page.isVisible('.asof-b'));
  await page.screenshot({ path: artifactPath('desktop-compare.png') });
  assert.equal(await page.getAttribute('#asof-b', 'datetime'), '2015-01-01');
  await page.close();
});

test('compare puts the earlier date on the left, keys every party of either date, and prints the comparison', async () => {
  const { page, errors } = await open('date=2018-01-01&compare=2015-01-01');
  await page.waitForSelector('[data-body="changes"]:not([hidden]) ol.changes li', { timeout: 120000 });
  assert.deepEqual(errors, []);
  // The earlier date (the comparison's, map B) left of the divider, its label on the left.
  const a = await page.locator('.asof-a').boundingBox();
  const b = await page.locator('.asof-b').boundingBox();
  assert.ok(b.x + b.width < a.x, `2015 is labelled left of 2018: ${JSON.stringify({ a, b })}`);
  assert.equal(await page.evaluate(() => document.getElementById('map-b').style.clipPath), 'inset(0px 50% 0px 0px)');
  const swipe = await page.locator('#swipe').boundingBox();
  const wrap = await page.locator('.mapwrap').boundingBox();
  assert.ok(Math.abs(swipe.x - (wrap.x + wrap.width / 2)) < 3, 'the divider is in the middle');
  // The key lists every party holding land on either date (ISIS in 2015, not in 2018).
  const diff = await page.evaluate(() => fetch('api/diff?from=2015-01-01&to=2018-01-01').then((r) => r.json()));
  const either = new Set([...diff.before.parties, ...diff.after.parties].filter((p) => p.kind === 'party' && p.area_pct > 0.05).map((p) => p.id));
  const keyed = new Set(await page.locator('#legend li[data-party]').evaluateAll((els) => els.map((e) => e.dataset.party)));
  assert.deepEqual([...keyed].sort(), [...either].sort());
  assert.ok(keyed.has('isis'), `ISIS held land on 2015-01-01: ${[...keyed]}`);
  // Print keeps the comparison: the later date's map with the changes since the earlier one.
  const href = await page.getAttribute('#print-btn', 'href');
  assert.match(href, /api\/map\?date=2018-01-01&compare=2015-01-01&format=pdf/);
  const pdf = await page.evaluate((u) => fetch(u).then(async (r) => [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength]), href);
  assert.deepEqual(pdf.slice(0, 2), [200, 'application/pdf']);
  // Turned the other way round (the comparison later than the slider's date), the
  // earlier date is still on the left: now map A.
  await page.fill('#compare-input', '2019-06-01');
  await page.dispatchEvent('#compare-input', 'change');
  await page.waitForFunction(() => !document.body.classList.contains('compare-b-left'));
  const a2 = await page.locator('.asof-a').boundingBox();
  const b2 = await page.locator('.asof-b').boundingBox();
  assert.ok(a2.x + a2.width < b2.x, 'the slider\'s 2018 is now the earlier date, on the left');
  assert.match(await page.getAttribute('#print-btn', 'href'), /date=2019-06-01&compare=2018-01-01/);
  await page.close();
});

test('the Brief button opens the briefing of the round on the shown date', async () => {
  const { page } = await open('date=2017-11-28');
  assert.ok(await page.isVisible('#brief-btn'), 'Geneva VIII opens on 2017-11-28: its briefing is offered');
  const href = await page.getAttribute('#brief-btn', 'href');
  assert.equal(href, 'brief/geneva-8');
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#brief-btn')]);
  await popup.waitForLoadState();
  assert.match(await popup.textContent('h1'), /Briefing: Geneva VIII talks/);
  assert.match(await popup.textContent('body'), /Changed hands from 2017-07-10 to 2017-11-28/);
  assert.ok((await popup.locator('figure svg').count()) === 2, 'the map at the opening and the change map');
  await popup.close();
  // No round on the date: no button.
  await page.click('[data-step="day:-1"]');
  await page.waitForFunction(() => document.getElementById('brief-btn').hidden);
  await page.close();
});

test('compare lists a succession apart, not as places that changed hands', async () => {
  // The SNA succeeded Turkish-backed opposition groups on 30 December 2017.
  const { page } = await open('date=2018-01-15&compare=2017-12-01');
  await page.waitForSelector('[data-body="changes"]:not([hidden]) .reorganised');
  assert.match(await page.textContent('[data-body="changes"] .reorganised'), /Reorganised, not changes of hands: \d+ places \(.*→.*Syrian National Army/);
  const names = await page.locator('ol.changes .place-link').allTextContents();
  assert.ok(!names.includes('Azaz'), `Azaz is not listed as changing hands: ${names}`);
  await page.close();
});

test('steps by day, month and round of talks, plays and pauses, and links the print map of the date', async () => {
  const { page } = await open('date=2017-01-10');
  const date = () => page.getAttribute('#asof-a', 'datetime');
  await page.click('[data-step="day:1"]');
  assert.equal(await date(), '2017-01-11');
  await page.click('[data-step="month:1"]');
  assert.equal(await date(), '2017-02-11');
  await page.click('[data-step="month:-1"]');
  await page.click('[data-step="day:-1"]');
  assert.equal(await date(), '2017-01-10');
  await page.click('[data-step="talks:1"]');
  const talks = await date();
  const milestones = await page.evaluate(() => fetch('api/milestones').then((r) => r.json()));
  const next = milestones.map((m) => m.start).filter((d) => d > '2017-01-10').sort()[0];
  assert.equal(talks, next, 'the next round of talks');
  assert.notEqual(await page.textContent('#talks-now'), '', 'the round of talks is named');
  assert.match(await page.getAttribute('#print-btn', 'href'), new RegExp(`api/map\\?date=${talks}&format=pdf`));
  await page.click('#play');
  await page.waitForFunction((d) => document.getElementById('asof-a').getAttribute('datetime') > d, talks, { timeout: 20000 });
  await page.click('#play');
  const paused = await date();
  await page.waitForTimeout(1500);
  assert.ok((await date()) <= addOneMonth(paused), 'paused');
  await page.close();
});

test('the slider moves a month with PageUp and PageDown and to either end with Home and End', async () => {
  const { page } = await open('date=2017-01-10');
  const date = () => page.getAttribute('#asof-a', 'datetime');
  const conflict = await page.evaluate(() => fetch('api/conflict').then((r) => r.json()));
  await page.focus('#slider');
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => document.getElementById('asof-a').getAttribute('datetime') === '2017-02-10');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.getElementById('asof-a').getAttribute('datetime') === '2016-12-10');
  await page.keyboard.press('Home');
  await page.waitForFunction((d) => document.getElementById('asof-a').getAttribute('datetime') === d, conflict.start);
  await page.keyboard.press('End');
  await page.waitForFunction((d) => document.getElementById('asof-a').getAttribute('datetime') === d, conflict.today);
  assert.equal(await date(), conflict.today);
  await page.close();
});

function addOneMonth(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

test('a place named <script> shows as text, never as markup', async () => {
  const { page } = await open('date=2017-12-13&view=8/34.55/37.6');
  const label = page.locator('.label[data-place="hostile-label"]');
  assert.equal(await label.textContent(), HOSTILE_NAME);
  assert.equal(await page.locator('.label script, .label img').count(), 0);
  await label.click();
  await page.waitForSelector('[data-body="place"]:not([hidden]) .history .obs');
  assert.equal(await page.textContent('.place-name'), HOSTILE_NAME);
  assert.equal(await page.locator('[data-body="place"] script, [data-body="place"] img, [data-body="place"] b').count(), 0);
  assert.equal(await page.locator('[data-body="place"] a[href^="javascript:"]').count(), 0, 'a javascript: source URL is not a link');
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no script ran');
  await page.close();
});

test('a place can be found by its Arabic name', async () => {
  const { page } = await open('date=2018-06-01&tab=place');
  await page.fill('#place-search', 'الرقة');
  await page.press('#place-search', 'Enter');
  await page.waitForSelector('[data-body="place"]:not([hidden]) .history .obs');
  assert.equal(await page.textContent('.place-name'), 'Raqqa');
  await page.close();
});

test('search finds a place by another spelling or the start of its name, and says when nothing is found', async () => {
  const { page } = await open('date=2018-06-01&tab=place');
  for (const [query, name] of [['Palmyra', /Palmyra/], ['deir ez zor', /^Deir ez-Zor$/], ['Alep', /^Aleppo$/]]) {
    await page.fill('#place-search', query);
    await page.press('#place-search', 'Enter');
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.place-name')?.textContent || ''), name.source);
  }
  await page.fill('#place-search', 'Atlantis');
  await page.press('#place-search', 'Enter');
  assert.match(await page.textContent('#search-status'), /No place is named “Atlantis”/);
  await page.close();
});

test('a link with a query string opens at its date and moves it into the hash', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/?date=2014-02-03`);
  await waitForMap(page);
  assert.equal(await page.getAttribute('#asof-a', 'datetime'), '2014-02-03');
  assert.match(new URL(page.url()).hash, /date=2014-02-03/);
  await page.close();
});

test('foreign forces\' sites: off until turned on in the legend, a symbol per kind and force, a panel with the sources, in English and Arabic', async () => {
  const HMEIMIM = [35.9487, 35.4011];
  const { page, errors } = await open('date=2018-06-01&view=9/35.4011/35.9487');
  const toggle = page.locator('#presence-toggle');
  assert.equal(await toggle.isChecked(), false, 'the layer starts off');
  const rendered = () => page.evaluate(() => window.frontlineMap.queryRenderedFeatures({ layers: ['presence'] }).length);
  assert.equal(await rendered(), 0);
  await page.click('label[for="presence-toggle"]');
  await page.waitForSelector('.legend .presence-force');
  assert.match(page.url(), /presence=1/);
  const legend = await page.textContent('.legend');
  for (const text of ['Foreign forces’ sites', 'Air base', 'Observation post', 'Russian Armed Forces', 'Turkish Armed Forces', 'not control']) assert.ok(legend.includes(text), `the legend names ${text}: ${legend}`);
  await page.waitForFunction(() => window.frontlineMap.queryRenderedFeatures({ layers: ['presence'] }).length > 0);
  // The symbol is drawn in the force's colour (Russia: #8c510a) at the site.
  const p = await at(page, HMEIMIM);
  await page.screenshot({ path: artifactPath('presence-2018-06-01.png') });
  const c = await pixel(page, p.x, p.y);
  assert.ok(Math.abs(c[0] - 0x8c) < 40 && Math.abs(c[1] - 0x51) < 40 && Math.abs(c[2] - 0x0a) < 50, `Russian brown at Hmeimim: ${c}`);
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('[data-body="place"]:not([hidden]) .presence-site');
  assert.match(await page.textContent('.presence-site'), /Khmeimim/);
  assert.match(await page.textContent('[data-body="place"]'), /Air base · from September 2015/);
  const href = await page.locator('[data-body="place"] .sources a').first().getAttribute('href');
  assert.match(href, /^https:\/\/en\.wikipedia\.org\//);
  // Why, a few km inland of the base, names it apart from the colour's explanation.
  const answer = page.waitForResponse((r) => r.url().includes('/api/why'));
  await page.mouse.click(p.x + 20, p.y);
  const why = await (await answer).json();
  assert.ok(why.presence.some((n) => n.site.includes('Khmeimim') && n.distance_km < 10), JSON.stringify(why.presence));
  await page.waitForSelector('[data-body="why"]:not([hidden]) .why-presence');
  const near = await page.textContent('.why-presence');
  assert.ok(near.includes('Foreign forces within 10 km') && near.includes('Khmeimim') && near.includes('not control'), near);
  // The nearest place may be named after the base, but the explanation says nothing of presence.
  assert.doesNotMatch(await page.textContent('.why-explanation'), /not control|Foreign forces|air base \(/);
  await page.click('#lang-btn');
  await page.waitForFunction(() => document.querySelector('.legend')?.textContent.includes('مواقع القوات الأجنبية'));
  const ar = await page.textContent('.legend');
  assert.ok(ar.includes('قاعدة جوية') && ar.includes('الوجود ليس سيطرة'), ar);
  assert.equal(await page.locator('#presence-toggle').isChecked(), true, 'the layer stays on');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Arabic turns the layout right-to-left and names places in Arabic', async () => {
  const { page } = await open('date=2017-12-13&lang=ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.textContent('.label[data-place="raqqa"]'), 'الرقة');
  assert.equal(await page.textContent('[data-tab="shares"]'), 'الحصص');
  await page.close();
});

test('at phone size the date, map, slider and panel all fit on screen', async () => {
  const phone = await launchBrowser({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  phone.context.on('request', (r) => requests.push(r.url()));
  phone.context.on('page', watch);
  try {
    const page = await phone.context.newPage();
    await page.goto(`${server.url}/#date=2018-06-01`);
    await waitForMap(page);
    for (const sel of ['.asof-a', '#slider', '#play', '[data-tab="shares"]', '#map canvas']) {
      const box = await page.locator(sel).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 391 && box.y + box.height <= 845, `${sel} is on screen: ${JSON.stringify(box)}`);
    }
    await page.screenshot({ path: artifactPath('phone.png') });
    await page.click('[data-tab="shares"]');
    await page.waitForTimeout(400);
    await page.screenshot({ path: artifactPath('phone-shares.png') });
    const p = await at(page, RAQQA);
    await page.mouse.click(p.x, p.y);
    await page.waitForSelector('[data-body="place"]:not([hidden]) .history .obs');
    await page.waitForTimeout(400);
    await page.screenshot({ path: artifactPath('phone-place.png') });
  } finally {
    await phone.close();
  }
});

test('another site can embed the map of a date: the embed shows its date and links to the full map', async () => {
  // A newsroom's page, served from an origin of its own (another port), in a browser of
  // its own so that its requests are not counted as the viewer's.
  const newsroom = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>News</title><iframe id="embed" src="${server.url}/#date=2017-12-13&embed=1" width="600" height="420"></iframe>`);
  });
  await new Promise((ready) => newsroom.listen(0, '127.0.0.1', ready));
  const reader = await launchBrowser({ viewport: { width: 900, height: 640 } });
  const refusedHere = [];
  try {
    const page = await reader.context.newPage();
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) refusedHere.push(m.text()); });
    await page.goto(`http://127.0.0.1:${newsroom.address().port}/`);
    const frame = await (await page.waitForSelector('#embed')).contentFrame();
    await waitForMap(frame);
    assert.equal(await frame.getAttribute('#asof-a', 'datetime'), '2017-12-13');
    assert.ok(await frame.isVisible('#asof-a'), 'the date is visible');
    assert.equal(await frame.isVisible('.topbar'), false, 'the chrome is hidden');
    const full = await frame.getAttribute('#full-view', 'href');
    assert.match(full, /date=2017-12-13/);
    assert.doesNotMatch(full, /embed/);
    assert.equal(await frame.getAttribute('#full-view', 'target'), '_blank');
    // Even this narrow, the embed shows its legend open and its attribution in full.
    await frame.waitForSelector('#legend details[open] li');
    assert.ok(await frame.isVisible('#legend details[open]'), 'the legend is open');
    assert.ok(await frame.isVisible('.maplibregl-ctrl-attrib-inner'), 'the attribution is shown');
    assert.match(await frame.textContent('.maplibregl-ctrl-attrib-inner'), /GeoNames/);
    await page.screenshot({ path: artifactPath('embed.png') });
    assert.deepEqual(refusedHere, []);
  } finally {
    await reader.close();
    newsroom.close();
  }
});

test('no request leaves the server the viewer came from', () => {
  assert.ok(requests.length > 10, `requests were recorded (${requests.length})`);
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});

test('the page runs under its content security policy without violations', () => {
  assert.deepEqual(refused, []);
});
