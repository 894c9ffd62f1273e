// The shares tab and the legend: the shares per party on the shown date with the method
// behind them, the share chart over time, and the key to the map's colours. The tab's
// controls act through the handlers given (change the method, go to a date).

import { $, h, fill } from './dom.js';
import { t, formatDate } from './i18n.js';
import { drawSeries } from './chart.js';
import { swatch } from './swatch.js';
import { renderShares, renderMethod } from './panel.js';
import { state } from './state.js';
import { presenceLegend } from './presence.js';

const { view, data } = state;

/**
 * The shares tab of the shown date.
 * @param {{onMethod: (change: object|null) => void, onPickDate: (date: string) => void}} handlers
 */
export function renderSharesTab({ onMethod, onPickDate }) {
  const stats = data.statsA;
  if (!stats) return;
  $('shares-title').textContent = `${t('tabShares')} · ${formatDate(stats.date)}`;
  renderShares($('shares'), stats, data.parties);
  renderMethod($('method'), stats, onMethod);
  drawChart(onPickDate);
}

/** The share chart over time, in the chosen measure; a click on it goes to its date. */
export function drawChart(onPickDate) {
  for (const b of document.querySelectorAll('[data-measure]')) {
    const on = b.dataset.measure === view.measure;
    b.classList.toggle('active', on);
    b.setAttribute('aria-checked', String(on));
  }
  if (!data.series) return;
  drawSeries($('series'), data.series, view.measure, (id, date) => data.parties.colour(id, date), (id, date) => data.parties.shortName(id, date), view.date, (date) => onPickDate(date), $('series-readout'));
}

/**
 * The key to the map's colours: every party holding land on the shown date, and in compare
 * mode also those holding land on the other date (`others`: its statistics); `onPresence`
 * turns the foreign forces' layer on or off.
 */
export function renderLegend(stats, others = [], onPresence = () => {}) {
  const seen = new Set();
  const present = [stats, ...others]
    .flatMap((s) => s.parties.filter((p) => p.kind === 'party' && p.area_pct > 0.05).map((p) => ({ ...p, date: s.date })))
    .sort((a, b) => b.area_pct - a.area_pct)
    .filter((p) => !seen.has(p.id) && seen.add(p.id));
  const hasContested = stats.parties.some((p) => p.kind === 'contested');
  const hasJoint = stats.parties.some((p) => p.kind === 'joint');
  const items = [
    ...present.map((p) => h('li', { title: data.parties.name(p.id, p.date), 'data-party': p.id }, swatch('party', p.colours), h('span', { text: data.parties.shortName(p.id, p.date) }))),
    hasContested ? h('li', {}, swatch('contested', ['#4a4f57', '#e2e4e8']), h('span', { text: t('contested') })) : null,
    hasJoint ? h('li', {}, swatch('joint', ['#4a4f57', '#e2e4e8']), h('span', { text: t('joint') })) : null,
    h('li', {}, swatch('unknown', []), h('span', { text: t('unknown') })),
    h('li', {}, h('span', { class: 'swatch swatch-line', 'aria-hidden': 'true' }), h('span', { text: t('frontLine') })),
    h('li', {}, h('span', { class: 'swatch swatch-dot', 'aria-hidden': 'true' }), h('span', { text: t('legendPlace') })),
    h('li', {}, h('span', { class: 'swatch swatch-dot swatch-ring', 'aria-hidden': 'true' }), h('span', { text: t('legendRing') })),
    view.compare ? h('li', {}, h('span', { class: 'swatch swatch-dot swatch-changed', 'aria-hidden': 'true' }), h('span', { text: t('legendChanged') })) : null,
    ...presenceLegend(onPresence),
  ];
  // Open on a wide screen, and always in an embed (which has no panel to explain the colours).
  const open = window.innerWidth > 760 || view.embed;
  fill($('legend'), h('details', { open: open ? true : null }, h('summary', { text: t('legend') }), h('ul', {}, items)));
}
