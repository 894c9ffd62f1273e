// A place's panel: its history with the sources on the shown date, its marker on the map,
// flying to it, and its name and region's name in the viewer's language.

import { $, h } from './dom.js';
import { get } from './api.js';
import { t, currentLang } from './i18n.js';
import { maplibregl } from './map.js';
import { message, renderHistory } from './panel.js';
import { state } from './state.js';
import { writeHash } from './url.js';
import { setTab } from './page.js';

const { view, data } = state;

/** The marker on the open place (made on first use). */
let placeMarker = null;

export async function openPlace(id, { switchTab = true } = {}) {
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
export function placeName(id) {
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

export function flyToPlace(id) {
  const p = data.placeById.get(id);
  const { mapA } = state;
  if (p) mapA.easeTo({ center: [p.lon, p.lat], zoom: Math.max(mapA.getZoom(), 8) });
}
