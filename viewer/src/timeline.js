// The time slider: a range over every day of the conflict, drawn over a histogram of how
// much evidence exists per month, with ticks for the rounds of talks.

import { s, fill } from './dom.js';
import { toDays, fromDays } from './dates.js';
import { formatNumber } from './i18n.js';

const W = 1000; // viewBox width; the SVG stretches to the track
const H = 44;

/**
 * Draw the histogram and talks ticks into `svg`.
 * @param {SVGSVGElement} svg
 * @param {{month:string, observations:number}[]} histogram
 * @param {{id:string,name:string,start:string,end:string}[]} milestones
 * @param {string} start first day of the slider
 * @param {string} end last day of the slider
 */
export function drawHistogram(svg, histogram, milestones, start, end) {
  const d0 = toDays(start);
  const span = Math.max(1, toDays(end) - d0);
  const x = (iso) => ((toDays(iso) - d0) / span) * W;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const months = histogram.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  const max = Math.max(1, ...months.map((m) => m.observations));
  const bars = [];
  for (const m of months) {
    const from = `${m.month}-01`;
    const [y, mo] = m.month.split('-').map(Number);
    const to = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 10);
    const x0 = Math.max(0, x(from));
    const x1 = Math.min(W, x(to));
    if (x1 <= 0 || x0 >= W) continue;
    const hgt = Math.max(1.5, Math.sqrt(m.observations / max) * (H - 8));
    bars.push(s('rect', { class: 'hist-bar', x: x0.toFixed(2), y: (H - hgt).toFixed(2), width: Math.max(0.8, x1 - x0 - 0.6).toFixed(2), height: hgt.toFixed(2) },
      s('title', {}, `${m.month}: ${formatNumber(m.observations)}`)));
  }
  const years = [];
  const y0 = Number(start.slice(0, 4));
  const y1 = Number(end.slice(0, 4));
  for (let y = y0 + 1; y <= y1; y++) {
    const xx = x(`${y}-01-01`);
    years.push(s('line', { class: 'hist-year', x1: xx.toFixed(2), x2: xx.toFixed(2), y1: 0, y2: H }));
  }
  const talks = milestones.filter((m) => m.start >= start && m.start <= end).map((m) =>
    s('rect', { class: 'hist-talks', x: (x(m.start) - 1).toFixed(2), y: 0, width: Math.max(2, x(m.end || m.start) - x(m.start) + 2).toFixed(2), height: 5 },
      s('title', {}, `${m.name} (${m.start})`)));
  fill(svg, s('g', {}, years), s('g', {}, bars), s('g', {}, talks));
}

/** Year labels under the track, as positioned spans (percent of the width). */
export function yearLabels(container, start, end) {
  const d0 = toDays(start);
  const span = Math.max(1, toDays(end) - d0);
  const labels = [];
  const y0 = Number(start.slice(0, 4));
  const y1 = Number(end.slice(0, 4));
  const every = container.clientWidth && container.clientWidth < 500 ? 3 : 1;
  for (let y = y0 + 1; y <= y1; y++) {
    if ((y - y0 - 1) % every) continue;
    const left = ((toDays(`${y}-01-01`) - d0) / span) * 100;
    const el = document.createElement('span');
    el.className = 'year';
    el.style.left = `${left}%`;
    el.textContent = String(y);
    labels.push(el);
  }
  container.replaceChildren(...labels);
}

/** The slider's day index of a date, and back. */
export function sliderValue(start, iso) {
  return toDays(iso) - toDays(start);
}

export function sliderDate(start, value) {
  return fromDays(toDays(start) + Number(value));
}

/** The next or previous round of talks from `iso` (direction +1 or -1), or null. */
export function stepTalks(milestones, iso, direction) {
  const starts = [...new Set(milestones.map((m) => m.start))].sort();
  if (direction > 0) return starts.find((d) => d > iso) ?? null;
  for (let i = starts.length - 1; i >= 0; i--) if (starts[i] < iso) return starts[i];
  return null;
}

/** The round of talks under way on `iso`, if any. */
export function talksOn(milestones, iso) {
  return milestones.find((m) => m.start <= iso && iso <= (m.end || m.start)) ?? null;
}
