// The swipe comparison: a second map of the comparison's date under the main one, cut at a
// divider that can be dragged or moved with the arrow keys, following the main map's camera.

import { $, h, fill } from './dom.js';
import { t } from './i18n.js';
import { addMonths, clampDate } from './dates.js';
import { createMap, whenReady, setSource } from './map.js';
import { state } from './state.js';
import { writeHash } from './url.js';
import { setTab } from './page.js';
import { loadDate } from './load.js';

const { view, data } = state;

/** Turn the comparison on (with a date a year back unless one is set) or off. */
export function setCompare(on) {
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
    document.body.classList.remove('compare-b-left');
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

/** The swipe divider at `pct` of the width: the earlier date's map left, the later one right. */
export function setSwipe(pct) {
  view.swipe = Math.min(95, Math.max(5, pct));
  $('swipe').style.left = `${view.swipe}%`;
  placeCompare();
}

/**
 * Which side each map shows: map B (the comparison's date) is drawn over map A and cut at the
 * divider, on the left when its date is the earlier one (the usual case), on the right otherwise.
 */
export function placeCompare() {
  const bLeft = Boolean(view.compare) && view.compare <= view.date;
  document.body.classList.toggle('compare-b-left', bLeft);
  $('map-b').style.clipPath = bLeft ? `inset(0 ${100 - view.swipe}% 0 0)` : `inset(0 0 0 ${view.swipe}%)`;
}

/** Drag the divider, or move it with the arrow keys. */
export function initSwipe() {
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
