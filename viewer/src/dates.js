// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so no time zone shifts a day.

const DAY = 86400000;

export function isIsoDate(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

export function toDays(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

export function fromDays(days) {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

export function addDays(iso, n) {
  return fromDays(toDays(iso) + n);
}

/** The same day `n` months later (clamped to the month's last day). */
export function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function clampDate(iso, min, max) {
  if (iso < min) return min;
  if (iso > max) return max;
  return iso;
}
