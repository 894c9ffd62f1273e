// The shareable URL: the view is read from the hash (or a query string) at boot and written
// back to the hash after every change, with the links that follow it (the full viewer, the
// print map).

import { $ } from './dom.js';
import { apiUrl } from './api.js';
import { isIsoDate } from './dates.js';
import { state, methodParams } from './state.js';

const METHOD_KEYS = ['cap_km', 'band_km', 'stale_days'];
const TABS = ['shares', 'place', 'why', 'changes'];
const MEASURES = ['area', 'effective', 'population'];

const { view } = state;

export function readHash() {
  // The hash, or a query string (`/?date=2017-12-13`) for links made by other tools.
  const q = new URLSearchParams(location.search);
  for (const [k, v] of new URLSearchParams(location.hash.slice(1))) q.set(k, v);
  if (isIsoDate(q.get('date'))) view.date = q.get('date');
  if (isIsoDate(q.get('compare'))) view.compare = q.get('compare');
  if (q.get('lang') === 'ar') view.lang = 'ar';
  const cam = (q.get('view') || '').split('/').map(Number);
  if (cam.length === 3 && cam.every(Number.isFinite)) view.camera = { zoom: cam[0], lat: cam[1], lon: cam[2] };
  for (const k of METHOD_KEYS) {
    const v = q.get(k);
    if (v === 'none' || (v !== null && /^\d+(\.\d+)?$/.test(v))) view.method[k] = v;
  }
  if (MEASURES.includes(q.get('measure'))) view.measure = q.get('measure');
  if (TABS.includes(q.get('tab'))) view.tab = q.get('tab');
  if (q.get('place')) view.place = q.get('place');
  const at = (q.get('at') || '').split(',').map(Number);
  if (at.length === 2 && at.every(Number.isFinite)) view.at = at;
  const sw = Number(q.get('swipe'));
  if (Number.isFinite(sw) && sw > 0 && sw < 100) view.swipe = sw;
  view.embed = q.get('embed') === '1';
  view.presence = q.get('presence') === '1';
}

export function writeHash() {
  const q = new URLSearchParams();
  q.set('date', view.date);
  if (view.compare) q.set('compare', view.compare);
  if (view.lang !== 'en') q.set('lang', view.lang);
  const { mapA } = state;
  if (mapA) {
    const c = mapA.getCenter();
    q.set('view', `${mapA.getZoom().toFixed(2)}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`);
  }
  for (const k of METHOD_KEYS) if (view.method[k] !== undefined) q.set(k, view.method[k]);
  if (view.measure !== 'area') q.set('measure', view.measure);
  if (view.tab !== 'shares') q.set('tab', view.tab);
  if (view.place && view.tab === 'place') q.set('place', view.place);
  if (view.at && view.tab === 'why') q.set('at', `${view.at[0].toFixed(4)},${view.at[1].toFixed(4)}`);
  if (view.compare && view.swipe !== 50) q.set('swipe', view.swipe.toFixed(0));
  if (view.presence) q.set('presence', '1');
  // An embed links to the full viewer at the same view, in a new tab.
  $('full-view').href = `${location.pathname}#${q.toString()}`;
  if (view.embed) q.set('embed', '1');
  history.replaceState(null, '', `${location.pathname}#${q.toString()}`);
  updatePrintLink();
}

function updatePrintLink() {
  const [earlier, later] = view.compare ? [view.compare, view.date].sort() : [null, view.date];
  $('print-btn').href = apiUrl('api/map', { date: later, compare: earlier, format: 'pdf', size: 'a4', lang: view.lang !== 'en' ? view.lang : null, ...methodParams() });
}
