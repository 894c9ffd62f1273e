// The page around the map: its texts in the viewer's language, the "as of" dates and the
// slider's position, the panel's tabs, the loading mark and the toast.

import { $ } from './dom.js';
import { t, currentLang, formatDate } from './i18n.js';
import { sliderValue, talksOn } from './timeline.js';
import { state } from './state.js';
import { writeHash } from './url.js';
import { apiUrl } from './api.js';

const { view, data } = state;

export function applyI18n() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute('aria-label', t(el.dataset.i18nTitle));
  }
  document.title = data.conflict ? `${t('title')} · ${conflictName()} · ${formatDate(view.date)}` : t('title');
  if (data.conflict) $('conflict-name').textContent = conflictName();
  $('play').title = state.playing ? t('pause') : t('play');
}

function conflictName() {
  return (currentLang() === 'ar' && data.conflict.name_ar) || data.conflict.name;
}

export function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 1800);
}

export function setTab(tab, { open = true } = {}) {
  view.tab = tab;
  for (const b of document.querySelectorAll('[data-tab]')) {
    const on = b.dataset.tab === tab;
    b.setAttribute('aria-selected', String(on));
    b.classList.toggle('active', on);
  }
  for (const s of document.querySelectorAll('[data-body]')) s.hidden = s.dataset.body !== tab;
  if (open) document.body.classList.add('panel-open');
  writeHash();
}

export function showDate() {
  $('asof-a').textContent = formatDate(view.date);
  $('asof-a').setAttribute('datetime', view.date);
  $('date-input').value = view.date;
  $('slider').value = String(sliderValue(data.conflict.start, view.date));
  $('slider').setAttribute('aria-valuetext', formatDate(view.date));
  const talks = talksOn(data.milestones, view.date);
  $('talks-now').textContent = talks ? `◆ ${talks.name}` : '';
  // The briefing of the round on the shown date: one printable document per round.
  const brief = $('brief-btn');
  brief.hidden = !talks;
  if (talks) {
    brief.href = apiUrl(`brief/${encodeURIComponent(talks.id)}`, { lang: view.lang !== 'en' ? view.lang : null });
    brief.title = t('briefOf', { name: talks.name });
  }
  if (view.compare) {
    $('asof-b').textContent = formatDate(view.compare);
    $('asof-b').setAttribute('datetime', view.compare);
    $('compare-input').value = view.compare;
    const bLeft = view.compare <= view.date;
    document.body.classList.toggle('compare-b-left', bLeft);
    $('map-b').style.clipPath = bLeft ? `inset(0 ${100 - view.swipe}% 0 0)` : `inset(0 0 0 ${view.swipe}%)`;
  }
  document.title = `${t('title')} · ${conflictName()} · ${formatDate(view.date)}`;
}

export function setLoading(on) {
  $('loading').hidden = !on;
}
