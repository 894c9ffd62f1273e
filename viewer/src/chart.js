// The share chart over time: a stacked area per party (contested and joint land together,
// hatched; unknown land on top, light), with a marker at the date shown on the map.

import { h, s, fill } from './dom.js';
import { toDays } from './dates.js';
import { t, formatPct, formatDate } from './i18n.js';

const W = 340;
const H = 150;
const PAD = { l: 28, r: 6, t: 6, b: 18 };

/**
 * @param {SVGSVGElement} svg
 * @param {{points:{date:string, parties:{id:string}[]}[]}} series
 * @param {'area'|'effective'|'population'} measure
 * @param {(id:string, date:string)=>string} colourOf
 * @param {(id:string, date:string)=>string} nameOf
 * @param {string} date the map's date (a vertical marker)
 * @param {(date:string)=>void} onPick called with the date under a click
 * @param {HTMLElement} [readout] where the shares under the pointer are listed
 */
export function drawSeries(svg, series, measure, colourOf, nameOf, date, onPick, readout) {
  const key = `${measure}_pct`;
  const pts = series.points || [];
  if (!pts.length) { fill(svg); return; }
  const d0 = toDays(pts[0].date);
  const d1 = toDays(pts[pts.length - 1].date);
  const span = Math.max(1, d1 - d0);
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const x = (iso) => PAD.l + ((toDays(iso) - d0) / span) * iw;
  const y = (pct) => PAD.t + ih - (pct / 100) * ih;

  // Groups: each party; all contested and joint land as one; unknown land.
  const totals = new Map();
  const rows = pts.map((p) => {
    const row = new Map();
    for (const e of p.parties) {
      const g = e.id === 'unknown' ? 'unknown' : e.id.includes(':') ? 'mixed' : e.id;
      const v = e[key] ?? 0;
      row.set(g, (row.get(g) || 0) + v);
      totals.set(g, (totals.get(g) || 0) + v);
    }
    return row;
  });
  const parties = [...totals.keys()].filter((g) => g !== 'unknown' && g !== 'mixed').sort((a, b) => totals.get(b) - totals.get(a));
  const order = [...parties, 'mixed', 'unknown'].filter((g) => totals.has(g));
  const lastDate = new Map();
  pts.forEach((p, i) => { for (const g of rows[i].keys()) if (rows[i].get(g) > 0) lastDate.set(g, p.date); });

  const base = new Array(pts.length).fill(0);
  const paths = [];
  for (const g of order) {
    const top = base.map((b, i) => b + (rows[i].get(g) || 0));
    let d = '';
    pts.forEach((p, i) => { d += `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(top[i]).toFixed(1)}`; });
    for (let i = pts.length - 1; i >= 0; i--) d += `L${x(pts[i].date).toFixed(1)},${y(base[i]).toFixed(1)}`;
    d += 'Z';
    const fillStyle = g === 'unknown' ? '#ece9e2' : g === 'mixed' ? 'url(#chart-hatch)' : colourOf(g, lastDate.get(g) || date);
    paths.push(s('path', { d, fill: fillStyle, class: `band band-${g === 'mixed' || g === 'unknown' ? g : 'party'}` },
      s('title', {}, g === 'mixed' ? t('contestedOrJoint') : g === 'unknown' ? t('unknown') : nameOf(g, lastDate.get(g) || date))));
    for (let i = 0; i < base.length; i++) base[i] = top[i];
  }

  const grid = [0, 25, 50, 75, 100].map((p) => s('g', {},
    s('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(p), y2: y(p) }),
    s('text', { class: 'axis', x: PAD.l - 4, y: y(p) + 3, 'text-anchor': 'end' }, `${p}%`)));
  const years = [];
  const yStart = Number(pts[0].date.slice(0, 4));
  const yEnd = Number(pts[pts.length - 1].date.slice(0, 4));
  for (let yr = yStart + 1; yr <= yEnd; yr++) {
    if ((yr - yStart - 1) % 2) continue;
    const xx = x(`${yr}-01-01`);
    years.push(s('text', { class: 'axis', x: xx, y: H - 5, 'text-anchor': 'middle' }, `’${String(yr).slice(2)}`));
  }
  const cursorX = Math.min(Math.max(x(date), PAD.l), W - PAD.r);
  const current = nearest(pts, date);
  const cursor = s('g', { class: 'cursor' },
    s('line', { x1: cursorX, x2: cursorX, y1: PAD.t - 2, y2: PAD.t + ih }));
  const defs = s('defs', {},
    s('pattern', { id: 'chart-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, fill: '#f5f3ee' }),
      s('rect', { width: 3, height: 6, fill: '#8a8f98' })));
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${t('shareOverTime')}: ${current ? formatPct(100 - (current.parties.find((e) => e.id === 'unknown')?.[key] ?? 0)) : ''}`);
  fill(svg, defs, s('g', { dir: 'ltr' }, paths), s('g', {}, grid), s('g', {}, years), cursor);
  const dateAt = (ev) => {
    const r = svg.getBoundingClientRect();
    const vx = ((ev.clientX - r.left) / r.width) * W;
    const frac = Math.min(1, Math.max(0, (vx - PAD.l) / iw));
    return new Date((d0 + Math.round(frac * span)) * 86400000).toISOString().slice(0, 10);
  };
  svg.onclick = (ev) => onPick(dateAt(ev));
  if (!readout) return;
  const show = (at) => {
    const i = Math.max(0, pts.findLastIndex((p) => p.date <= at));
    const row = rows[i];
    const items = order.filter((g) => (row.get(g) || 0) >= 0.05).map((g) => {
      const sw = h('span', { class: `swatch swatch-${g === 'mixed' ? 'contested' : g === 'unknown' ? 'unknown' : 'party'}`, 'aria-hidden': 'true' });
      if (g === 'mixed') sw.style.background = 'repeating-linear-gradient(45deg, #8a8f98 0 3px, #f5f3ee 3px 6px)';
      else if (g !== 'unknown') sw.style.background = colourOf(g, pts[i].date);
      else sw.style.background = '#ece9e2';
      return h('span', { class: 'readout-item' }, sw, `${g === 'mixed' ? t('contestedOrJoint') : g === 'unknown' ? t('unknown') : nameOf(g, pts[i].date)} ${formatPct(row.get(g))}`);
    });
    fill(readout, h('strong', { text: formatDate(pts[i].date, 'short') }), items);
  };
  show(date);
  svg.onmousemove = (ev) => show(dateAt(ev));
  svg.onmouseleave = () => show(date);
}

function nearest(points, date) {
  let best = null;
  for (const p of points) if (p.date <= date) best = p;
  return best;
}
