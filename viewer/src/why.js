// The why panel: why a point of the map has its colour on a date, with the deciding
// evidence, and the marker on that point.

import { $, h } from './dom.js';
import { get } from './api.js';
import { t } from './i18n.js';
import { maplibregl, setSource } from './map.js';
import { message, renderWhy } from './panel.js';
import { state, methodParams } from './state.js';
import { writeHash } from './url.js';
import { setTab } from './page.js';
import { placeName } from './place.js';

const { view, data } = state;

/** The marker on the asked point (made on first use). */
let whyMarker = null;

export async function openWhy(at, { switchTab = true, date = view.date } = {}) {
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
    setSource(state.mapA, 'evidence-area', { type: 'FeatureCollection', features: [] });
    renderWhy(el, why, data.parties, date, placeName, showArea);
  } catch (e) {
    message(el, t('error', { message: e.message }), 'error');
  }
  writeHash();
}

/** Draws the outline of the area evidence `id` on the map (its places as rings for a named set). */
async function showArea(id) {
  try {
    const feature = await get(`api/evidence-areas/${encodeURIComponent(id)}`);
    const parts = feature.geometry?.type === 'MultiPoint'
      ? feature.geometry.coordinates.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }))
      : [feature];
    setSource(state.mapA, 'evidence-area', { type: 'FeatureCollection', features: parts });
  } catch (e) {
    message($('why'), t('error', { message: e.message }), 'error');
  }
}

/** The date shown at a point of the map: the comparison's date right of the swipe divider. */
export function dateAtPoint(point) {
  if (!view.compare || !state.mapB) return view.date;
  const width = state.mapA.getContainer().clientWidth;
  return point.x > (width * view.swipe) / 100 ? view.compare : view.date;
}
