// The Frontline viewer: a map of who controls what on a date, with a time slider, the
// shares per party and the method behind them, places' histories with their sources, why a
// point has its colour, and what changed between two dates. Date, view, method, language and
// panel live in the URL's hash, so a map can be shared or embedded as it is seen.
//
// This module boots the page and wires its controls; the state lives in state.js, and each
// concern in its own module (url, page, load, shares, place, why, pointer, search, labels,
// compare, playback).

import { $, h, fill } from './dom.js';
import { get } from './api.js';
import { setLang, currentLang, t } from './i18n.js';
import { isIsoDate, clampDate } from './dates.js';
import { createMap, addNavigation, whenReady, setSource } from './map.js';
import { drawHistogram, yearLabels, sliderValue, sliderDate } from './timeline.js';
import { Parties } from './parties.js';
import { state } from './state.js';
import { readHash, writeHash } from './url.js';
import { applyI18n, setTab, showDate, toast } from './page.js';
import { goTo, loadDate, loadSeries } from './load.js';
import { drawChart } from './shares.js';
import { onMapClick, onMapHover } from './pointer.js';
import { buildSearch } from './search.js';
import { buildLabels, zoomClass, declutter } from './labels.js';
import { setCompare, setSwipe, initSwipe } from './compare.js';
import { step, play } from './playback.js';

const { view, data } = state;

function wire() {
  $('slider').addEventListener('input', (e) => goTo(sliderDate(data.conflict.start, e.target.value), { immediate: false }));
  // The range input's own PageUp/PageDown jump a tenth of the war (about 1.6 years) and its
  // arrows a day: a month per page and the two ends are what a reader of dates expects.
  $('slider').addEventListener('keydown', (ev) => {
    const page = { PageUp: 1, PageDown: -1 }[ev.key];
    const end = { Home: data.conflict.start, End: data.conflict.today }[ev.key];
    if (page === undefined && end === undefined) return;
    ev.preventDefault();
    if (page !== undefined) step('month', page);
    else goTo(end);
  });
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

  // An embed always shows its attribution in full (viewer/README.md); elsewhere it folds
  // behind its (i) button on narrow screens.
  const mapA = createMap($('map'), { bounds: conflict.bbox, view: view.camera, attributionText: 'Frontline · Natural Earth · geoBoundaries · GeoNames', compactAttribution: !view.embed });
  state.mapA = mapA;
  addNavigation(mapA);
  if (window.innerWidth <= 760 && !view.embed) {
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
  mapA.on('mouseenter', 'presence', () => { mapA.getCanvas().style.cursor = 'pointer'; });
  mapA.on('mouseleave', 'presence', () => { mapA.getCanvas().style.cursor = ''; });
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
