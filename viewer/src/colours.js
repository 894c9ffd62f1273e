// The map's own colours (the parties' colours are data, from the API).

export const COLOURS = {
  background: '#e8ebee',
  unknown: '#f3f1ec',
  boundary: '#3d4146',
  region: '#ffffff',
  frontline: '#1d1f22',
};
