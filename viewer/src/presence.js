// The presence layer (issue 19): sites where foreign forces were present on the shown date
// (air and naval bases, garrisons, observation posts), from /api/presence. Presence is not
// control: the sites are drawn as symbols over the areas, never as colour, and the layer is
// off until it is turned on from the legend. A symbol's shape is the site's kind, its fill
// the force's colour; a click opens the site's panel with its sources.

import { $, h, fill } from './dom.js';
import { get } from './api.js';
import { t, currentLang, formatDate } from './i18n.js';
import { sourcesList, confidenceLabel } from './panel.js';
import { setSource, whenReady } from './map.js';
import { state } from './state.js';
import { writeHash } from './url.js';
import { setTab } from './page.js';
import { PRESENCE_KINDS, presenceIcon, presenceIconName } from './presence-icons.js';

const { view, data } = state;

/** Make sure the map has the symbols the sites need. */
function ensureIcons(map, features) {
  for (const f of features) {
    const name = presenceIconName(f.properties.kind, f.properties.colour);
    if (!map.hasImage(name)) map.addImage(name, presenceIcon(f.properties.kind, f.properties.colour), { pixelRatio: 2 });
  }
}

/** The sites of the shown date on the map (none while the layer is off). */
export async function loadPresence(gen) {
  const { mapA } = state;
  if (!view.presence) {
    data.presence = null;
    whenReady(mapA, () => setSource(mapA, 'presence', { type: 'FeatureCollection', features: [] }));
    return;
  }
  const fc = await get('api/presence', { date: view.date });
  if (gen !== state.generation) return;
  data.presence = fc;
  const features = fc.features.map((f) => ({
    ...f,
    properties: { ...f.properties, icon: presenceIconName(f.properties.kind, f.properties.colour) },
  }));
  whenReady(mapA, () => {
    ensureIcons(mapA, features);
    setSource(mapA, 'presence', { type: 'FeatureCollection', features });
  });
}

/** A small canvas with a site's symbol, for the legend and the panel. */
export function presenceSwatch(kind, colour) {
  const img = presenceIcon(kind, colour);
  const canvas = h('canvas', { class: 'swatch-presence', width: img.width, height: img.height, 'aria-hidden': 'true' });
  canvas.getContext('2d')?.putImageData(new ImageData(img.data, img.width, img.height), 0, 0);
  return canvas;
}

/** The legend's entries of the layer: its toggle, and while on, each kind and force shown. */
export function presenceLegend(onToggle) {
  const input = h('input', { type: 'checkbox', id: 'presence-toggle', checked: view.presence ? true : null });
  input.addEventListener('change', () => {
    view.presence = input.checked;
    writeHash();
    onToggle();
  });
  const items = [h('li', { class: 'presence-toggle' }, h('label', { for: 'presence-toggle' }, input, h('span', { text: t('presenceLayer') })))];
  const features = (view.presence && data.presence?.features) || [];
  const kinds = PRESENCE_KINDS.filter((k) => features.some((f) => f.properties.kind === k));
  for (const k of kinds) items.push(h('li', { class: 'presence-kind' }, presenceSwatch(k, '#8a8f98'), h('span', { text: t(`presenceKind_${k}`) })));
  const forces = new Map();
  for (const f of features) if (!forces.has(f.properties.force)) forces.set(f.properties.force, f.properties);
  for (const p of forces.values()) {
    const name = (currentLang() === 'ar' && p.force_name_ar) || p.force_name;
    items.push(h('li', { class: 'presence-force' }, presenceSwatch('base', p.colour), h('span', { text: name })));
  }
  if (view.presence) items.push(h('li', { class: 'muted small', text: t('presenceNotControl') }));
  return items;
}

/** A date with day, month or year precision, as precise as it is. */
export function partialDate(iso) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso || '')) return formatDate(iso);
  const m = /^(\d{4})-(\d{2})$/.exec(iso || '');
  if (m) return new Intl.DateTimeFormat(currentLang() === 'ar' ? 'ar-SY' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}-01T00:00:00Z`));
  return String(iso || '');
}

/** The panel of a site: what it was, whose, when, how sure, and the sources. */
export function openPresence(id) {
  const f = data.presence?.features.find((x) => x.id === id || x.properties.id === id);
  if (!f) return;
  const p = f.properties;
  view.place = null;
  setTab('place');
  const el = $('place');
  el.dataset.place = '';
  const force = (currentLang() === 'ar' && p.force_name_ar) || p.force_name;
  const when = p.valid_until
    ? t('presenceFromUntil', { from: partialDate(p.valid_from), until: partialDate(p.valid_until) })
    : t('presenceFrom', { from: partialDate(p.valid_from) });
  fill(el,
    h('h3', { class: 'presence-site' }, presenceSwatch(p.kind, p.colour), h('span', { text: p.site })),
    h('p', { class: 'presence-meta' }, h('strong', { text: force }), ` · ${t(`presenceKind_${p.kind}`)} · ${when} · ${t('confidence')} ${confidenceLabel(p.confidence)}`),
    p.note ? h('p', { class: 'muted small presence-note', text: p.note }) : null,
    h('h4', { text: t('sources') }),
    sourcesList(p.sources, data.parties, view.date),
    h('p', { class: 'note', text: t('presenceNotControl') }));
}
