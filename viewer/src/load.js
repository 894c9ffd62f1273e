// Loading what a date shows: going to a date, its areas, front lines, places' states and
// shares on the main map and in the panel, the comparison's date and what changed between
// the two, the share chart over time, and warming the cache for the next date.

import { $, fill } from './dom.js';
import { get } from './api.js';
import { t } from './i18n.js';
import { clampDate } from './dates.js';
import { whenReady, setAreas, setSource, placesGeojson } from './map.js';
import { renderDiff } from './panel.js';
import { state, methodParams } from './state.js';
import { writeHash } from './url.js';
import { showDate, setLoading, toast } from './page.js';
import { renderSharesTab, renderLegend, drawChart } from './shares.js';
import { openPlace, flyToPlace } from './place.js';
import { openWhy } from './why.js';
import { loadPresence } from './presence.js';

const { view, data } = state;

/** The pending load of a date that the slider is still moving through. */
let loadTimer = null;

/** Show `date` (kept within the conflict) and load it, now or once the slider rests. */
export function goTo(date, { immediate = true } = {}) {
  view.date = clampDate(date, data.conflict.start, data.conflict.today);
  showDate();
  if (immediate) loadDate();
  else scheduleLoad();
}

function partyColour(date) {
  return (id) => data.parties.colour(id, date);
}

export async function loadDate() {
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
    await loadPresence(gen);
    if (gen !== state.generation) return;
    renderLegend(stats, [], togglePresence);
    if (view.tab === 'place' && view.place) openPlace(view.place, { switchTab: false });
    if (view.tab === 'why' && view.at) openWhy(view.at, { switchTab: false });
    if (view.compare) await loadCompare(gen);
  } catch (e) {
    if (gen === state.generation) toast(t('error', { message: e.message }));
  } finally {
    if (gen === state.generation) setLoading(false);
  }
}

/** The presence layer turned on or off from the legend: load (or clear) it and redraw the legend. */
async function togglePresence() {
  const gen = state.generation;
  try {
    await loadPresence(gen);
    if (gen === state.generation && data.statsA) renderLegend(data.statsA, [], togglePresence);
  } catch (e) {
    toast(t('error', { message: e.message }));
  }
}

/** Warm the cache with a date's data (while playing, the next step's). */
export function prefetch(date) {
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
  // The key shows every party of either date (the diff holds both dates' statistics).
  renderLegend(data.statsA ?? diff.after, [diff.before, diff.after], togglePresence);
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
export async function loadSeries() {
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
