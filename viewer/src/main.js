// The Frontline viewer: a map of who controls what on a date, with a time slider, the
// shares per party and the method behind them, places' histories with their sources, why a
// point has its colour, and what changed between two dates. Date, view, method, language and
// panel live in the URL's hash, so a map can be shared or embedded as it is seen.

import { $, h, fill } from './dom.js';
import { get } from './api.js';
import { setLang, currentLang, t, formatDate } from './i18n.js';
import { isIsoDate, clampDate, addMonths, addDays } from './dates.js';
import { createMap, addNavigation, whenReady, setSource, setAreas, placesGeojson } from './map.js';
import { drawHistogram, yearLabels, sliderValue, sliderDate, stepTalks } from './timeline.js';
import { Parties } from './parties.js';
import { state, methodParams } from './state.js';
import { readHash, writeHash } from './url.js';
import { applyI18n, setTab, showDate, toast, setLoading } from './page.js';
import { onMapClick, onMapHover } from './pointer.js';
import { buildSearch } from './search.js';
import { buildLabels, zoomClass, declutter } from './labels.js';
import { drawSeries } from './chart.js';
import { swatch } from './swatch.js';
import { renderShares, renderMethod, renderDiff } from './panel.js';
import { openPlace, flyToPlace } from './place.js';
import { openWhy } from './why.js';

const { view, data } = state;

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
