// The place search: every place under its English and Arabic names and its other spellings,
// forgiving of case, accents, hyphens and articles (names.js); picking one flies to it and
// opens its panel, and a name that finds nothing says so.

import { $, h, fill } from './dom.js';
import { state } from './state.js';
import { t } from './i18n.js';
import { openPlace, flyToPlace } from './place.js';
import { PlaceIndex } from './names.js';

export function buildSearch() {
  const index = new PlaceIndex(state.data.places);
  fill($('place-names'), index.names().map((n) => h('option', { value: n })));
  const input = $('place-search');
  const status = $('search-status');
  const pick = () => {
    const query = input.value.trim();
    if (!query) return;
    const place = index.find(query);
    if (!place) {
      status.textContent = t('searchNotFound', { query });
      return;
    }
    status.textContent = '';
    flyToPlace(place.id);
    openPlace(place.id);
    input.value = '';
    input.blur();
  };
  input.addEventListener('change', pick);
  input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') pick(); });
  input.addEventListener('input', () => { status.textContent = ''; });
}
