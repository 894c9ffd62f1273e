// The pointer on the main map: a click opens the place under it or says why the point has
// its colour; a hovering pointer names the place or area under it.

import { $, h, fill } from './dom.js';
import { t, currentLang, formatNumber, formatPct } from './i18n.js';
import { state } from './state.js';
import { openPlace } from './place.js';
import { openWhy, dateAtPoint } from './why.js';
import { openPresence } from './presence.js';

const { view, data } = state;

export function onMapClick(e) {
  const { mapA } = state;
  const pad = 7;
  const box = [[e.point.x - pad, e.point.y - pad], [e.point.x + pad, e.point.y + pad]];
  const sites = view.presence ? mapA.queryRenderedFeatures(box, { layers: ['presence'] }) : [];
  if (sites.length) {
    openPresence(sites[0].properties.id);
    return;
  }
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
export function onMapHover(e) {
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
