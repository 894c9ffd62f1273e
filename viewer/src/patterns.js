// Hatching for contested and joint areas: stripes of both parties' colours, so the state
// is told by pattern and not by colour alone (and survives greyscale and colour blindness).
// Contested areas get diagonal stripes, joint areas vertical ones.

const SIZE = 16; // pixels of the image; drawn at pixelRatio 2, so an 8 px tile on screen
const UNKNOWN = '#d9d6cf';

function rgb(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
  const n = m ? parseInt(m[1], 16) : 0x999999;
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The image name of the pattern for an area of `kind` with `colours`. */
export function patternName(kind, colours) {
  return `hatch-${kind}-${colours.map((c) => c.replace('#', '')).join('-')}`;
}

/** An RGBA image of stripes in `colours` (two or more), diagonal for contested, vertical for joint. */
export function patternImage(kind, colours) {
  const cs = (colours.length ? colours : [UNKNOWN]).map(rgb);
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  const stripe = SIZE / cs.length;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const along = kind === 'joint' ? x : (x + y) % SIZE;
      const c = cs[Math.floor(along / stripe) % cs.length];
      const i = (y * SIZE + x) * 4;
      data[i] = c[0];
      data[i + 1] = c[1];
      data[i + 2] = c[2];
      data[i + 3] = 255;
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** Make sure the map has the patterns the features need. */
export function ensurePatterns(map, features) {
  for (const f of features) {
    const { kind, colours } = f.properties;
    if (kind !== 'contested' && kind !== 'joint') continue;
    const name = patternName(kind, colours);
    if (!map.hasImage(name)) map.addImage(name, patternImage(kind, colours), { pixelRatio: 2 });
  }
}
