// Moving through time: steps by day, month and round of talks, and playing month by month
// to the last day (or pausing).

import { $ } from './dom.js';
import { t } from './i18n.js';
import { addDays, addMonths } from './dates.js';
import { stepTalks } from './timeline.js';
import { state } from './state.js';
import { goTo, loadDate, prefetch } from './load.js';

const { view, data } = state;

/** Step `n` days, months or rounds of talks (`kind`) from the shown date. */
export function step(kind, n) {
  if (kind === 'day') goTo(addDays(view.date, n));
  else if (kind === 'month') goTo(addMonths(view.date, n));
  else if (kind === 'talks') {
    const d = stepTalks(data.milestones, view.date, n);
    if (d) goTo(d);
  }
}

/** Play (from the start when at the end) or pause. */
export async function play() {
  state.playing = !state.playing;
  $('play').classList.toggle('playing', state.playing);
  $('play').title = state.playing ? t('pause') : t('play');
  $('play').setAttribute('aria-label', $('play').title);
  if (state.playing && view.date >= data.conflict.today) goTo(data.conflict.start);
  while (state.playing) {
    const next = addMonths(view.date, 1);
    if (next > data.conflict.today) { state.playing = false; break; }
    view.date = next;
    await loadDate();
    prefetch(addMonths(next, 1));
    await new Promise((r) => setTimeout(r, 450));
  }
  $('play').classList.remove('playing');
  $('play').title = t('play');
}
