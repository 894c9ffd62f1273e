// The symbols of the presence layer (foreign forces' sites): a shape per kind of site,
// filled with the force's colour, as RGBA images the map takes (no sprites are fetched).
// Pure: no DOM, so the unit tests draw them too.

import { safeColour } from './parties.js';

export const PRESENCE_KINDS = ['air_base', 'naval_base', 'garrison', 'observation_post', 'base'];
const SIZE = 28; // pixels of the image; drawn at pixelRatio 2, so 14 px on screen

/** Whether the point (x, y), in -1..1 with y down, lies in the shape of `kind` scaled by `s`. */
function inside(kind, x, y, s) {
  const u = x / s;
  const v = y / s;
  switch (kind) {
    case 'air_base': return v >= -0.9 && v <= 0.75 && Math.abs(u) <= ((v + 0.9) / 1.65) * 0.95;
    case 'naval_base': return v <= 0.9 && v >= -0.75 && Math.abs(u) <= ((0.9 - v) / 1.65) * 0.95;
    case 'garrison': return Math.abs(u) <= 0.72 && Math.abs(v) <= 0.72;
    case 'observation_post': return Math.abs(u) + Math.abs(v) <= 0.95;
    default: return u * u + v * v <= 0.8 * 0.8;
  }
}

function rgb(hex) {
  const m = /^#([0-9a-f]{6})$/i.exec(safeColour(hex));
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The image name of the symbol of a site of `kind` kept by a force of `colour`. */
export function presenceIconName(kind, colour) {
  return `presence-${PRESENCE_KINDS.includes(kind) ? kind : 'base'}-${safeColour(colour).slice(1)}`;
}

/**
 * The RGBA symbol of a site: its kind's shape (triangle up: air base; triangle down: naval
 * base; square: garrison; diamond: observation post; disc: other base) filled with the
 * force's colour, in a white outline and a dark rim, so that it reads on any area colour.
 */
export function presenceIcon(kind, colour) {
  const fillRgb = rgb(colour);
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const x = ((px + 0.5) / SIZE) * 2 - 1;
      const y = ((py + 0.5) / SIZE) * 2 - 1;
      let c = null;
      if (inside(kind, x, y, 0.66)) c = fillRgb;
      else if (inside(kind, x, y, 0.86)) c = [255, 255, 255];
      else if (inside(kind, x, y, 1)) c = [27, 36, 48];
      if (!c) continue;
      const i = (py * SIZE + px) * 4;
      data[i] = c[0];
      data[i + 1] = c[1];
      data[i + 2] = c[2];
      data[i + 3] = 255;
    }
  }
  return { width: SIZE, height: SIZE, data };
}
