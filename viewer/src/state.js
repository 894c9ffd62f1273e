// The viewer's application state, in one object that every module imports: what the URL
// carries (`view`), what the server answered (`data`), the two maps and the run flags.
// Modules read and write it here; each keeps privately only its own DOM handles (markers,
// timers), which nothing else needs.

export const state = {
  /** Everything the URL carries. */
  view: {
    date: null,
    compare: null,
    lang: 'en',
    camera: null, // {zoom, lat, lon}
    method: {}, // cap_km, band_km, stale_days as strings, only when chosen
    measure: 'area',
    tab: 'shares',
    place: null,
    at: null, // [lon, lat] of a why click
    swipe: 50,
    embed: false,
    presence: false, // the foreign forces' sites layer is shown
  },

  /** What the server answered: the conflict's data at boot, then the shown date's. */
  data: {
    conflict: null,
    parties: null,
    places: [],
    placeById: new Map(),
    regionNames: new Map(),
    milestones: [],
    histogram: [],
    boundary: null,
    regions: null,
    stateA: new Map(),
    statsA: null,
    series: null,
    presence: null, // the shown date's sites (GeoJSON), while the layer is on
  },

  /** The main map (the slider's date). */
  mapA: null,
  /** The comparison's map (its date right of the swipe divider), only while comparing. */
  mapB: null,
  /** Counts date loads, so an answer for a date no longer shown is dropped. */
  generation: 0,
  /** Whether the timeline is playing. */
  playing: false,
};

/** The chosen method as API query parameters (a copy). */
export function methodParams() {
  return { ...state.view.method };
}
