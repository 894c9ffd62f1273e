// The MapLibre map: areas (solid, hatched or unknown), front lines, admin regions, the
// boundary and the places, all from the same-origin API. No basemap, no glyphs, no sprites:
// labels are HTML so Arabic is shaped by the browser and nothing is fetched from elsewhere.

import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import { ensurePatterns, patternName } from './patterns.js';
import { COLOURS } from './colours.js';

const workerPath = document.querySelector('meta[name="frontline-worker"]')?.content || 'maplibre-gl-csp-worker.js';
maplibregl.setWorkerUrl(new URL(workerPath, document.baseURI).href);


const EMPTY = { type: 'FeatureCollection', features: [] };

const STYLE = {
  version: 8,
  sources: {
    areas: { type: 'geojson', data: EMPTY },
    frontlines: { type: 'geojson', data: EMPTY },
    regions: { type: 'geojson', data: EMPTY },
    boundary: { type: 'geojson', data: EMPTY },
    places: { type: 'geojson', data: EMPTY },
    changed: { type: 'geojson', data: EMPTY },
    'evidence-area': { type: 'geojson', data: EMPTY },
    presence: { type: 'geojson', data: EMPTY },
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': COLOURS.background } },
    { id: 'land-halo', type: 'line', source: 'boundary', paint: { 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.7 } },
    { id: 'areas-unknown', type: 'fill', source: 'areas', filter: ['==', ['get', 'kind'], 'unknown'], paint: { 'fill-color': COLOURS.unknown } },
    { id: 'areas-party', type: 'fill', source: 'areas', filter: ['==', ['get', 'kind'], 'party'], paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.82 } },
    { id: 'areas-hatched', type: 'fill', source: 'areas', filter: ['in', ['get', 'kind'], ['literal', ['contested', 'joint']]], paint: { 'fill-pattern': ['get', 'pattern'], 'fill-opacity': 0.82 } },
    { id: 'regions', type: 'line', source: 'regions', paint: { 'line-color': COLOURS.region, 'line-width': 0.8, 'line-opacity': 0.75, 'line-dasharray': [3, 2] } },
    { id: 'frontlines-halo', type: 'line', source: 'frontlines', layout: { 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2.2, 10, 4], 'line-opacity': 0.55 } },
    { id: 'frontlines', type: 'line', source: 'frontlines', layout: { 'line-join': 'round' }, paint: { 'line-color': COLOURS.frontline, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.8, 10, 1.8] } },
    { id: 'boundary', type: 'line', source: 'boundary', layout: { 'line-join': 'round' }, paint: { 'line-color': COLOURS.boundary, 'line-width': 1.6 } },
    // The outline of the area evidence behind a colour (the why panel's "show outline").
    { id: 'evidence-area', type: 'line', source: 'evidence-area', filter: ['!=', ['geometry-type'], 'Point'], layout: { 'line-join': 'round' }, paint: { 'line-color': COLOURS.frontline, 'line-width': 2.4, 'line-dasharray': [2, 1.5] } },
    { id: 'evidence-area-places', type: 'circle', source: 'evidence-area', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 7, 'circle-stroke-color': COLOURS.frontline, 'circle-stroke-width': 2 } },
    {
      id: 'changed',
      type: 'circle',
      source: 'changed',
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 9, 10, 16],
        'circle-stroke-color': '#1b2430',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'places',
      type: 'circle',
      source: 'places',
      paint: {
        'circle-color': ['get', 'colour'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, ['get', 'r'], 10, ['*', 2, ['get', 'r']]],
        'circle-stroke-color': ['get', 'stroke'],
        'circle-stroke-width': ['get', 'strokeWidth'],
      },
    },
    // Foreign forces' sites (presence, not control): a symbol per kind in the force's
    // colour, above the places; images only, so no glyphs or sprites are fetched.
    {
      id: 'presence',
      type: 'symbol',
      source: 'presence',
      layout: { 'icon-image': ['get', 'icon'], 'icon-allow-overlap': true, 'icon-ignore-placement': true, 'icon-size': ['interpolate', ['linear'], ['zoom'], 5, 1, 10, 1.5] },
    },
  ],
};

/**
 * A map in `container`. `attributionText` is shown in the corner.
 * @returns {import('maplibre-gl').Map}
 */
export function createMap(container, { bounds, view, attributionText, interactive = true, compactAttribution = true }) {
  const opts = {
    container,
    style: STYLE,
    attributionControl: false,
    interactive,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxZoom: 13,
    minZoom: 3,
    renderWorldCopies: false,
    fadeDuration: 0,
    locale: {},
  };
  if (view) {
    opts.center = [view.lon, view.lat];
    opts.zoom = view.zoom;
  } else {
    opts.bounds = bounds;
    opts.fitBoundsOptions = { padding: 24 };
  }
  const map = new maplibregl.Map(opts);
  const pending = [];
  ready.set(map, pending);
  map.once('load', () => {
    ready.set(map, null);
    for (const fn of pending) fn();
  });
  map.touchZoomRotate.disableRotation();
  if (attributionText) map.addControl(new maplibregl.AttributionControl({ compact: compactAttribution, customAttribution: attributionText }), 'bottom-right');
  return map;
}

export function addNavigation(map) {
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
}

// Per map: the functions waiting for its first 'load', or null once it has loaded. (Not
// `isStyleLoaded()`, which is also false while a source reloads, after 'load' has gone.)
const ready = new WeakMap();

/** Run `fn` once the map has loaded its style (now, if it has). */
export function whenReady(map, fn) {
  const pending = ready.get(map);
  if (pending) pending.push(fn);
  else fn();
}

/** Put the areas of a date on the map: the colour of solid areas, the pattern of hatched ones. */
export function setAreas(map, areas) {
  const features = areas.features.map((f) => {
    const p = f.properties;
    const props = { ...p, colour: p.colours?.[0] || COLOURS.unknown };
    if (p.kind === 'contested' || p.kind === 'joint') props.pattern = patternName(p.kind, p.colours || []);
    return { ...f, properties: props };
  });
  ensurePatterns(map, features);
  map.getSource('areas').setData({ type: 'FeatureCollection', features });
}

export function setSource(map, name, data) {
  map.getSource(name)?.setData(data);
}

/** A GeoJSON layer of places, coloured by their state on the date. */
export function placesGeojson(places, stateByPlace, partyColour) {
  const features = [];
  for (const p of places) {
    if (typeof p.lon !== 'number' || typeof p.lat !== 'number') continue;
    const st = stateByPlace.get(p.id);
    const parties = st?.parties || [];
    const status = st?.status || 'unknown';
    const c0 = parties[0] ? partyColour(parties[0]) : '#ffffff';
    const c1 = parties[1] ? partyColour(parties[1]) : null;
    const pop = p.population || 0;
    const r = pop >= 1e6 ? 6 : pop >= 2e5 ? 4.8 : pop >= 5e4 ? 3.8 : pop > 0 ? 3 : 2.6;
    let stroke = '#ffffff';
    let strokeWidth = 1.2;
    if (status === 'unknown') { stroke = '#6b7077'; strokeWidth = 1; }
    else if (c1 && (status === 'contested' || status === 'joint' || status === 'besieged')) { stroke = c1; strokeWidth = 2.2; }
    features.push({
      type: 'Feature',
      id: features.length,
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { id: p.id, colour: c0, stroke, strokeWidth, r, status },
    });
  }
  return { type: 'FeatureCollection', features };
}

export { maplibregl, COLOURS };
