// The places' name labels: HTML markers (so Arabic is shaped by the browser), shown by tier
// as the map zooms in, with the less important of two overlapping labels hidden.

import { h } from './dom.js';
import { currentLang } from './i18n.js';
import { maplibregl } from './map.js';
import { state } from './state.js';
import { openPlace } from './place.js';

/** The label markers on the main map, by place id. */
const labels = new Map();

function labelTier(p) {
  if (p.kind === 'city' || (p.population || 0) >= 100000) return 0;
  if (p.kind === 'town' || (p.population || 0) >= 20000) return 1;
  return 2;
}

/** (Re)make every label in the viewer's language. */
export function buildLabels() {
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
export function zoomClass() {
  const z = state.mapA.getZoom();
  const c = state.mapA.getContainer();
  c.classList.toggle('z-towns', z >= 7.6);
  c.classList.toggle('z-villages', z >= 9.2);
  declutter();
}

/** Hide labels that would overlap a more important one (bigger places win). */
export function declutter() {
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
