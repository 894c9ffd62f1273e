// The Frontline viewer: a map of who controls what on a date, with a time slider, the
// shares per party and the method behind them, places' histories with their sources, why a
// point has its colour, and what changed between two dates. Date, view, method, language and
// panel live in the URL's hash, so a map can be shared or embedded as it is seen.

import { $, h, fill } from './dom.js';
import { get } from './api.js';
import { setLang, currentLang, t, formatNumber, formatPct, formatDate } from './i18n.js';
import { isIsoDate, clampDate, addMonths, addDays } from './dates.js';
import { createMap, addNavigation, whenReady, setSource, maplibregl, setAreas, placesGeojson } from './map.js';
import { drawHistogram, yearLabels, sliderValue, sliderDate, stepTalks } from './timeline.js';
import { Parties } from './parties.js';
import { state, methodParams } from './state.js';
import { readHash, writeHash } from './url.js';
import { applyI18n, setTab, showDate, toast, setLoading } from './page.js';
import { message, renderHistory, renderWhy, renderShares, renderMethod, renderDiff } from './panel.js';
import { drawSeries } from './chart.js';
import { swatch } from './swatch.js';

const { view, data } = state;

// ---- place ----------------------------------------------------------------------------
/** The marker on the open place (made on first use). */
let placeMarker = null;

async function openPlace(id, { switchTab = true } = {}) {
  view.place = id;
  if (switchTab) setTab('place');
  const place = data.placeById.get(id);
  const el = $('place');
  if (!el.firstChild || el.dataset.place !== id) message(el, t('loading'), 'muted');
  el.dataset.place = id;
  markPlace(place);
  try {
    const history = await get(`api/places/${encodeURIComponent(id)}/history`);
    if (view.place !== id) return;
    renderHistory(el, place, history, data.stateA.get(id), data.parties, view.date, regionName(place));
  } catch (e) {
    message(el, t('error', { message: e.message }), 'error');
  }
  writeHash();
}

/** A place's name in the viewer's language, by its id. */
function placeName(id) {
  const p = id && data.placeById.get(id);
  return p ? (currentLang() === 'ar' && p.name_ar) || p.name : null;
}

function regionName(place) {
  const r = place && data.regionNames.get(place.region);
  return r ? (currentLang() === 'ar' && r.name_ar) || r.name : null;
}

function markPlace(place) {
  if (!place) return;
  if (!placeMarker) placeMarker = new maplibregl.Marker({ element: h('div', { class: 'place-marker', 'aria-hidden': 'true' }) });
  placeMarker.setLngLat([place.lon, place.lat]).addTo(state.mapA);
}

function flyToPlace(id) {
  const p = data.placeById.get(id);
  const { mapA } = state;
  if (p) mapA.easeTo({ center: [p.lon, p.lat], zoom: Math.max(mapA.getZoom(), 8) });
}

// ---- why ------------------------------------------------------------------------------
/** The marker on the asked point (made on first use). */
let whyMarker = null;

async function openWhy(at, { switchTab = true, date = view.date } = {}) {
  view.at = at;
  if (switchTab) setTab('why');
  const el = $('why');
  message(el, t('loading'), 'muted');
  if (!whyMarker) {
    whyMarker = new maplibregl.Marker({ element: h('div', { class: 'why-marker', 'aria-hidden': 'true' }) });
  }
  whyMarker.setLngLat(at).addTo(state.mapA);
  try {
    const why = await get('api/why', { date, lon: at[0].toFixed(5), lat: at[1].toFixed(5), ...methodParams() });
    if (view.at !== at) return;
    renderWhy(el, why, data.parties, date, placeName);
  } catch (e) {
    message(el, t('error', { message: e.message }), 'error');
  }
  writeHash();
}

/** The date shown at a point of the map: the comparison's date right of the swipe divider. */
function dateAtPoint(point) {
  if (!view.compare || !state.mapB) return view.date;
  const width = state.mapA.getContainer().clientWidth;
  return point.x > (width * view.swipe) / 100 ? view.compare : view.date;
}

// ---- pointer --------------------------------------------------------------------------
function onMapClick(e) {
  const { mapA } = state;
  const pad = 7;
  const box = [[e.point.x - pad, e.point.y - pad], [e.point.x + pad, e.point.y + pad]];
  const hits = mapA.queryRenderedFeatures(box, { layers: ['places'] });
  if (hits.length) {
    hits.sort((a, b) => dist(mapA.project(a.geometry.coordinates), e.point) - dist(mapA.project(b.geometry.coordinates), e.point));
    openPlace(hits[0].properties.id);
  } else {
    openWhy([e.lngLat.lng, e.lngLat.lat], { date: dateAtPoint(e.point) });
  }
}

const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);

/** On a pointer that hovers (not touch), name the area or place under it and its share. */
function onMapHover(e) {
  const { mapA } = state;
  const tip = $('hover');
  const place = mapA.queryRenderedFeatures([[e.point.x - 5, e.point.y - 5], [e.point.x + 5, e.point.y + 5]], { layers: ['places'] })[0];
  const area = mapA.queryRenderedFeatures(e.point, { layers: ['areas-party', 'areas-hatched', 'areas-unknown'] })[0];
  let lines = null;
  if (place) {
    const p = data.placeById.get(place.properties.id);
    const st = data.stateA.get(place.properties.id);
    if (p) {
      lines = [(currentLang() === 'ar' && p.name_ar) || p.name,
        st ? `${t(`status_${st.status}`)}${st.parties?.length ? ` · ${st.parties.map((id) => data.parties.shortName(id, view.date)).join(' / ')}` : ''}` : '',
        st && st.stale_days !== null && st.stale_days !== undefined ? t('daysSinceConfirmed', { n: formatNumber(st.stale_days) }) : ''];
    }
  } else if (area) {
    const a = area.properties;
    lines = [data.parties.areaName(a.key, view.date), `${t('area')} ${formatPct(a.area_pct)} · ${formatNumber(a.area_km2)} ${t('km')}²`];
  }
  if (!lines) { tip.hidden = true; return; }
  fill(tip, h('strong', { text: lines[0] }), lines.slice(1).filter(Boolean).map((l) => h('span', { text: l })));
  tip.hidden = false;
  const r = tip.parentElement.getBoundingClientRect();
  const x = Math.min(e.point.x + 14, r.width - tip.offsetWidth - 8);
  const y = Math.min(e.point.y + 14, r.height - tip.offsetHeight - 8);
  tip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
}

// ---- search ---------------------------------------------------------------------------
function buildSearch() {
  const byName = new Map();
  for (const p of state.data.places) {
    for (const n of [p.name, p.name_ar]) if (n && !byName.has(n)) byName.set(n, p.id);
  }
  fill($('place-names'), [...byName.keys()].sort((a, b) => a.localeCompare(b)).map((n) => h('option', { value: n })));
  const input = $('place-search');
  const pick = () => {
    const id = byName.get(input.value.trim());
    if (!id) return;
    flyToPlace(id);
    openPlace(id);
    input.value = '';
    input.blur();
  };
  input.addEventListener('change', pick);
  input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') pick(); });
}

// ---- labels ---------------------------------------------------------------------------
/** The label markers on the main map, by place id. */
const labels = new Map();

function labelTier(p) {
  if (p.kind === 'city' || (p.population || 0) >= 100000) return 0;
  if (p.kind === 'town' || (p.population || 0) >= 20000) return 1;
  return 2;
}

/** (Re)make every label in the viewer's language. */
function buildLabels() {
  for (const m of labels.values()) m.remove();
  labels.clear();
  for (const p of state.data.places) {
    if (typeof p.lon !== 'number') continue;
    const name = (currentLang() === 'ar' && p.name_ar) || p.name;
    const el = h('div', { class: `label tier-${labelTier(p)}`, dataset: { place: p.id } }, h('span', { text: name }));
    el.addEventListener('click', (ev) => { ev.stopPropagation(); openPlace(p.id); });
    const marker = new maplibregl.Marker({ element: el, anchor: 'bottom', offset: [0, -5] }).setLngLat([p.lon, p.lat]).addTo(state.mapA);
    labels.set(p.id, marker);
  }
  zoomClass();
}

/** Mark the map with the tiers its zoom shows, then declutter. */
function zoomClass() {
  const z = state.mapA.getZoom();
  const c = state.mapA.getContainer();
  c.classList.toggle('z-towns', z >= 7.6);
  c.classList.toggle('z-villages', z >= 9.2);
  declutter();
}

/** Hide labels that would overlap a more important one (bigger places win). */
function declutter() {
  const { mapA } = state;
  const z = mapA.getZoom();
  const maxTier = z >= 9.2 ? 2 : z >= 7.6 ? 1 : 0;
  const ranked = state.data.places
    .filter((p) => labels.has(p.id))
    .sort((a, b) => labelTier(a) - labelTier(b) || (b.population || 0) - (a.population || 0));
  const taken = [];
  for (const p of ranked) {
    const el = labels.get(p.id).getElement();
    if (labelTier(p) > maxTier) { el.classList.remove('shown'); continue; }
    const pt = mapA.project([p.lon, p.lat]);
    const w = (el.dataset.w ||= String((el.textContent.length * (labelTier(p) ? 6.2 : 7.4)) + 6));
    const box = { l: pt.x - Number(w) / 2, r: pt.x + Number(w) / 2, t: pt.y - 22, b: pt.y - 4 };
    const clash = taken.some((o) => box.l < o.r && box.r > o.l && box.t < o.b && box.b > o.t);
    el.classList.toggle('shown', !clash);
    if (!clash) taken.push(box);
  }
}

// ---- shares ---------------------------------------------------------------------------
/**
 * The shares tab of the shown date.
 * @param {{onMethod: (change: object|null) => void, onPickDate: (date: string) => void}} handlers
 */
function renderSharesTab({ onMethod, onPickDate }) {
  const stats = data.statsA;
  if (!stats) return;
  $('shares-title').textContent = `${t('tabShares')} · ${formatDate(stats.date)}`;
  renderShares($('shares'), stats, data.parties);
  renderMethod($('method'), stats, onMethod);
  drawChart(onPickDate);
}

/** The share chart over time, in the chosen measure; a click on it goes to its date. */
function drawChart(onPickDate) {
  for (const b of document.querySelectorAll('[data-measure]')) {
    const on = b.dataset.measure === view.measure;
    b.classList.toggle('active', on);
    b.setAttribute('aria-checked', String(on));
  }
  if (!data.series) return;
  drawSeries($('series'), data.series, view.measure, (id, date) => data.parties.colour(id, date), (id, date) => data.parties.shortName(id, date), view.date, (date) => onPickDate(date), $('series-readout'));
}

function renderLegend(stats) {
  const present = stats.parties.filter((p) => p.kind === 'party' && p.area_pct > 0.05).sort((a, b) => b.area_pct - a.area_pct);
  const hasContested = stats.parties.some((p) => p.kind === 'contested');
  const hasJoint = stats.parties.some((p) => p.kind === 'joint');
  const items = [
    ...present.map((p) => h('li', { title: data.parties.name(p.id, stats.date) }, swatch('party', p.colours), h('span', { text: data.parties.shortName(p.id, stats.date) }))),
    hasContested ? h('li', {}, swatch('contested', ['#4a4f57', '#e2e4e8']), h('span', { text: t('contested') })) : null,
    hasJoint ? h('li', {}, swatch('joint', ['#4a4f57', '#e2e4e8']), h('span', { text: t('joint') })) : null,
    h('li', {}, swatch('unknown', []), h('span', { text: t('unknown') })),
    h('li', {}, h('span', { class: 'swatch swatch-line', 'aria-hidden': 'true' }), h('span', { text: t('frontLine') })),
  ];
  fill($('legend'), h('details', { open: window.innerWidth > 760 ? true : null }, h('summary', { text: t('legend') }), h('ul', {}, items)));
}

// ---- load -----------------------------------------------------------------------------
/** The pending load of a date that the slider is still moving through. */
let loadTimer = null;

/** Show `date` (kept within the conflict) and load it, now or once the slider rests. */
function goTo(date, { immediate = true } = {}) {
  view.date = clampDate(date, data.conflict.start, data.conflict.today);
  showDate();
  if (immediate) loadDate();
  else scheduleLoad();
}

function partyColour(date) {
  return (id) => data.parties.colour(id, date);
}

async function loadDate() {
  const gen = ++state.generation;
  const date = view.date;
  const m = methodParams();
  setLoading(true);
  showDate();
  writeHash();
  try {
    const [areas, frontlines, placeStates, stats] = await Promise.all([
      get('api/areas', { date, ...m }),
      get('api/frontlines', { date, ...m }),
      get('api/state', { date }),
      get('api/stats', { date, ...m }),
    ]);
    if (gen !== state.generation) return;
    data.stateA = new Map(placeStates.map((s) => [s.place, s]));
    data.statsA = stats;
    whenReady(state.mapA, () => {
      setAreas(state.mapA, areas);
      setSource(state.mapA, 'frontlines', frontlines);
      setSource(state.mapA, 'places', placesGeojson(data.places, data.stateA, partyColour(date)));
    });
    renderSharesTab({ onMethod: changeMethod, onPickDate: goTo });
    renderLegend(stats);
    if (view.tab === 'place' && view.place) openPlace(view.place, { switchTab: false });
    if (view.tab === 'why' && view.at) openWhy(view.at, { switchTab: false });
    if (view.compare) await loadCompare(gen);
  } catch (e) {
    if (gen === state.generation) toast(t('error', { message: e.message }));
  } finally {
    if (gen === state.generation) setLoading(false);
  }
}

/** Warm the cache with a date's data (while playing, the next step's). */
function prefetch(date) {
  if (date > data.conflict.today) return;
  const m = methodParams();
  for (const [path, params] of [['api/areas', { date, ...m }], ['api/frontlines', { date, ...m }], ['api/state', { date }], ['api/stats', { date, ...m }]]) {
    get(path, params).catch(() => {});
  }
}

function scheduleLoad(delay = 140) {
  clearTimeout(loadTimer);
  loadTimer = setTimeout(loadDate, delay);
}

async function loadCompare(gen) {
  const date = view.compare;
  const m = methodParams();
  const [areas, frontlines, placeStates, diff] = await Promise.all([
    get('api/areas', { date, ...m }),
    get('api/frontlines', { date, ...m }),
    get('api/state', { date }),
    get('api/diff', { from: minDate(view.date, date), to: maxDate(view.date, date), ...m }),
  ]);
  if (gen !== state.generation || !state.mapB) return;
  const stateB = new Map(placeStates.map((s) => [s.place, s]));
  whenReady(state.mapB, () => {
    setAreas(state.mapB, areas);
    setSource(state.mapB, 'frontlines', frontlines);
    setSource(state.mapB, 'places', placesGeojson(data.places, stateB, partyColour(date)));
  });
  const changed = diff.places.map((c) => data.placeById.get(c.place)).filter(Boolean);
  whenReady(state.mapA, () => setSource(state.mapA, 'changed', { type: 'FeatureCollection', features: changed.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id } })) }));
  renderDiff($('changes'), diff, data.parties, minDate(view.date, date), maxDate(view.date, date), (id) => { flyToPlace(id); openPlace(id); });
}

const minDate = (a, b) => (a < b ? a : b);
const maxDate = (a, b) => (a < b ? b : a);

/** A new method (null: the defaults): reload the date and the chart over time. */
function changeMethod(change) {
  if (change === null) view.method = {};
  else Object.assign(view.method, change);
  data.series = null;
  loadDate();
  loadSeries();
}

/** The shares over the whole conflict, month by month, for the share chart. */
async function loadSeries() {
  const m = methodParams();
  try {
    const series = await get('api/series', { from: data.conflict.start, to: data.conflict.today, step: 'month', ...m });
    if (JSON.stringify(m) !== JSON.stringify(methodParams())) return;
    data.series = series;
    drawChart(goTo);
  } catch (e) {
    fill($('series'));
  }
}

// ---- compare --------------------------------------------------------------------------
/** Turn the comparison on (with a date a year back unless one is set) or off. */
function setCompare(on) {
  const btn = $('compare-btn');
  btn.setAttribute('aria-pressed', String(on));
  btn.classList.toggle('active', on);
  document.body.classList.toggle('comparing', on);
  document.querySelector('.compare-date').hidden = !on;
  document.querySelector('.asof-b').hidden = !on;
  $('swipe').hidden = !on;
  $('map-b').hidden = !on;
  if (on) {
    if (!view.compare) view.compare = clampDate(addMonths(view.date, -12), data.conflict.start, data.conflict.today);
    if (!state.mapB) {
      state.mapB = createMap($('map-b'), { bounds: data.conflict.bbox, view: cameraOf(state.mapA), interactive: false });
      whenReady(state.mapB, () => {
        setSource(state.mapB, 'boundary', data.boundary);
        setSource(state.mapB, 'regions', data.regions);
      });
      state.mapA.on('move', syncB);
    }
    state.mapB.resize();
    syncB();
    setSwipe(view.swipe);
    setTab('changes');
    loadDate();
  } else {
    view.compare = null;
    if (state.mapB) {
      state.mapA.off('move', syncB);
      state.mapB.remove();
      state.mapB = null;
    }
    fill($('changes'), h('p', { class: 'note', text: t('turnOnCompare') }));
    setSource(state.mapA, 'changed', { type: 'FeatureCollection', features: [] });
    if (view.tab === 'changes') setTab('shares');
    writeHash();
  }
}

function cameraOf(map) {
  const c = map.getCenter();
  return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
}

function syncB() {
  if (state.mapB) state.mapB.jumpTo({ center: state.mapA.getCenter(), zoom: state.mapA.getZoom() });
}

/** The swipe divider at `pct` of the width: map A (the slider's date) left, map B right. */
function setSwipe(pct) {
  view.swipe = Math.min(95, Math.max(5, pct));
  $('swipe').style.left = `${view.swipe}%`;
  $('map-b').style.clipPath = `inset(0 0 0 ${view.swipe}%)`;
}

/** Drag the divider, or move it with the arrow keys. */
function initSwipe() {
  const bar = $('swipe');
  const wrap = document.querySelector('.mapwrap');
  let dragging = false;
  const move = (ev) => {
    if (!dragging) return;
    const r = wrap.getBoundingClientRect();
    setSwipe(((ev.clientX - r.left) / r.width) * 100);
  };
  bar.addEventListener('pointerdown', (ev) => { dragging = true; bar.setPointerCapture(ev.pointerId); ev.preventDefault(); });
  bar.addEventListener('pointermove', move);
  bar.addEventListener('pointerup', () => { dragging = false; writeHash(); });
  bar.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowLeft') setSwipe(view.swipe - 5);
    if (ev.key === 'ArrowRight') setSwipe(view.swipe + 5);
  });
}

// ---- playback -------------------------------------------------------------------------
/** Step `n` days, months or rounds of talks (`kind`) from the shown date. */
function step(kind, n) {
  if (kind === 'day') goTo(addDays(view.date, n));
  else if (kind === 'month') goTo(addMonths(view.date, n));
  else if (kind === 'talks') {
    const d = stepTalks(data.milestones, view.date, n);
    if (d) goTo(d);
  }
}

/** Play (from the start when at the end) or pause. */
async function play() {
  state.playing = !state.playing;
  $('play').classList.toggle('playing', state.playing);
  $('play').title = state.playing ? t('pause') : t('play');
  $('play').setAttribute('aria-label', $('play').title);
  if (state.playing && view.date >= data.conflict.today) goTo(data.conflict.start);
  while (state.playing) {
    const next = addMonths(view.date, 1);
    if (next > data.conflict.today) { state.playing = false; break; }
    view.date = next;
    await loadDate();
    prefetch(addMonths(next, 1));
    await new Promise((r) => setTimeout(r, 450));
  }
  $('play').classList.remove('playing');
  $('play').title = t('play');
}

// ---- boot -----------------------------------------------------------------------------

function wire() {
  $('slider').addEventListener('input', (e) => goTo(sliderDate(data.conflict.start, e.target.value), { immediate: false }));
  $('date-input').addEventListener('change', (e) => { if (isIsoDate(e.target.value)) goTo(e.target.value); });
  $('compare-input').addEventListener('change', (e) => { if (isIsoDate(e.target.value)) { view.compare = clampDate(e.target.value, data.conflict.start, data.conflict.today); showDate(); loadDate(); } });
  for (const b of document.querySelectorAll('[data-step]')) {
    const [kind, n] = b.dataset.step.split(':');
    b.addEventListener('click', () => step(kind, Number(n)));
  }
  $('play').addEventListener('click', play);
  for (const b of document.querySelectorAll('[data-tab]')) b.addEventListener('click', () => {
    if (b.dataset.tab === view.tab && document.body.classList.contains('panel-open') && window.innerWidth <= 760) document.body.classList.remove('panel-open');
    else setTab(b.dataset.tab);
  });
  $('panel-grip').addEventListener('click', () => document.body.classList.toggle('panel-open'));
  for (const b of document.querySelectorAll('[data-measure]')) b.addEventListener('click', () => { view.measure = b.dataset.measure; drawChart(goTo); writeHash(); });
  $('compare-btn').addEventListener('click', () => setCompare(!state.mapB));
  $('share-btn').addEventListener('click', async () => {
    writeHash();
    try { await navigator.clipboard.writeText(location.href); toast(t('copied')); } catch { toast(location.href); }
  });
  $('lang-btn').addEventListener('click', () => {
    view.lang = currentLang() === 'ar' ? 'en' : 'ar';
    setLang(view.lang);
    applyI18n();
    buildLabels();
    showDate();
    yearLabels($('years'), data.conflict.start, data.conflict.today);
    loadDate();
    if (view.compare) setSwipe(view.swipe);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
    if (ev.target instanceof Element && ev.target.closest('.mapwrap')) return; // the map pans with arrows
    if (ev.key === 'ArrowRight') step(ev.shiftKey ? 'month' : 'day', 1);
    if (ev.key === 'ArrowLeft') step(ev.shiftKey ? 'month' : 'day', -1);
  });
  window.addEventListener('resize', () => yearLabels($('years'), data.conflict.start, data.conflict.today));
  // The page follows its URL: an edited hash or a step back in history shows what it says.
  // (The viewer's own updates use replaceState, which fires no hashchange.)
  window.addEventListener('hashchange', () => location.reload());
  initSwipe();
}

async function boot() {
  readHash();
  setLang(view.lang);
  if (view.embed) {
    document.body.classList.add('embed');
    $('full-view').hidden = false;
  }
  applyI18n();
  try {
    const [conflict, parties, places, milestones, histogram, boundary, regions] = await Promise.all([
      get('api/conflict'), get('api/parties'), get('api/places'), get('api/milestones'),
      get('api/evidence-histogram'), get('api/boundary'), get('api/regions'),
    ]);
    data.conflict = conflict;
    data.parties = new Parties(parties);
    data.places = places;
    data.placeById = new Map(places.map((p) => [p.id, p]));
    data.milestones = [...milestones].sort((a, b) => a.start.localeCompare(b.start));
    data.histogram = histogram;
    data.boundary = boundary;
    data.regions = regions;
    for (const f of regions.features || []) data.regionNames.set(f.properties.id, f.properties);
  } catch (e) {
    document.body.classList.add('failed');
    fill($('shares'), h('p', { class: 'error', text: t('error', { message: e.message }) }));
    return;
  }
  const { conflict } = data;
  conflict.today ||= new Date().toISOString().slice(0, 10);
  conflict.bbox ||= [35.7, 32.3, 42.4, 37.4];
  view.date = clampDate(view.date || conflict.today, conflict.start, conflict.today);
  if (view.compare) view.compare = clampDate(view.compare, conflict.start, conflict.today);
  applyI18n();

  const slider = $('slider');
  slider.max = String(sliderValue(conflict.start, conflict.today));
  for (const el of [$('date-input'), $('compare-input')]) { el.min = conflict.start; el.max = conflict.today; }
  drawHistogram($('histogram'), data.histogram, data.milestones, conflict.start, conflict.today);
  yearLabels($('years'), conflict.start, conflict.today);

  const mapA = createMap($('map'), { bounds: conflict.bbox, view: view.camera, attributionText: 'Frontline · Natural Earth · geoBoundaries · GeoNames' });
  state.mapA = mapA;
  addNavigation(mapA);
  if (window.innerWidth <= 760) {
    // On a phone the attribution starts folded behind its (i) button.
    mapA.once('load', () => document.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show'));
  }
  window.frontlineMap = mapA; // for the browser tests and the curious
  whenReady(mapA, () => {
    setSource(mapA, 'boundary', data.boundary);
    setSource(mapA, 'regions', data.regions);
  });
  mapA.on('click', onMapClick);
  if (window.matchMedia('(hover: hover)').matches) {
    mapA.on('mousemove', onMapHover);
    mapA.on('mouseout', () => { $('hover').hidden = true; });
  }
  mapA.on('zoomend', zoomClass);
  mapA.on('moveend', declutter);
  mapA.on('moveend', writeHash);
  mapA.on('mouseenter', 'places', () => { mapA.getCanvas().style.cursor = 'pointer'; });
  mapA.on('mouseleave', 'places', () => { mapA.getCanvas().style.cursor = ''; });
  buildLabels();
  buildSearch();
  wire();
  fill($('place'), h('p', { class: 'note', text: t('clickPlace') }));
  fill($('why'), h('p', { class: 'note', text: t('clickWhy') }));
  fill($('changes'), h('p', { class: 'note', text: t('turnOnCompare') }));
  setTab(view.tab, { open: view.tab !== 'shares' }); // a shared link to a panel opens it
  if (view.compare) setCompare(true);
  else await loadDate();
  loadSeries();
  document.body.classList.add('ready');
}

boot();
