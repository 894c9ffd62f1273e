// Small colour keys: solid for a party, stripes for contested (diagonal) and joint (vertical)
// land, light for unknown; the same patterns as on the map.

import { h } from './dom.js';
import { safeColour } from './parties.js';
import { COLOURS } from './colours.js';

export function swatch(kind, colours) {
  const el = h('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' });
  const cs = (colours || []).map(safeColour);
  if (kind === 'unknown' || !cs.length) {
    el.style.background = COLOURS.unknown;
  } else if ((kind === 'contested' || kind === 'joint' || kind === 'besieged') && cs.length > 1) {
    const angle = kind === 'joint' ? '90deg' : '45deg';
    const stops = cs.map((c, i) => `${c} ${i * 4}px ${(i + 1) * 4}px`).join(', ');
    el.style.background = `repeating-linear-gradient(${angle}, ${stops})`;
  } else {
    el.style.background = cs[0];
  }
  return el;
}
