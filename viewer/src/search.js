// The place search: every place under its English and its Arabic name; picking one flies to
// it and opens its panel.

import { $, h, fill } from './dom.js';
import { state } from './state.js';
import { openPlace, flyToPlace } from './place.js';

export function buildSearch() {
  const byName = new Map();
  for (const p of state.data.places) {
    for (const n of [p.name, p.name_ar]) if (n && !byName.has(n)) byName.set(n, p.id);
  }
  fill($('place-names'), [...byName.keys()].sort((a, b) => a.localeCompare(b)).map((n) => h('option', { value: n })));
  const input = $('place-search');
  const pick = () => {
    const id = byName.get(input.value.trim());
    if (!id) return;
    flyToPlace(id);
    openPlace(id);
    input.value = '';
    input.blur();
  };
  input.addEventListener('change', pick);
  input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') pick(); });
}
