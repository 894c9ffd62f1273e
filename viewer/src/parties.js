// Parties as data: names and colours change over time (several versions per id, each valid
// from its `since`), so every lookup takes the date.

import { t, currentLang } from './i18n.js';

const HEX = /^#[0-9a-fA-F]{6}$/;

export class Parties {
  constructor(list) {
    this.byId = new Map();
    for (const p of list) {
      if (!this.byId.has(p.id)) this.byId.set(p.id, []);
      this.byId.get(p.id).push(p);
    }
    for (const vs of this.byId.values()) vs.sort((a, b) => (a.since || a.valid_from || '').localeCompare(b.since || b.valid_from || ''));
  }

  /** The version of party `id` in force on `date` (the latest whose `since` is not after it). */
  version(id, date) {
    const vs = this.byId.get(id);
    if (!vs) return null;
    let pick = vs[0];
    for (const v of vs) if ((v.since || v.valid_from || '') <= (date || '9999')) pick = v;
    return pick;
  }

  colour(id, date) {
    const c = this.version(id, date)?.colour;
    return c && HEX.test(c) ? c : '#9aa0a6';
  }

  name(id, date) {
    const v = this.version(id, date);
    if (!v) return id;
    return (currentLang() === 'ar' && v.name_ar) || v.name || id;
  }

  /**
   * A short name: the acronym in brackets when there is one ("HTS", "SDF"), else the name
   * before its brackets ("Syrian government").
   */
  shortName(id, date) {
    const full = this.name(id, date);
    const m = /^(.*?)\s*\(([^)]*)\)(.*)$/.exec(full);
    if (!m) return full;
    if (/^[A-Z][A-Z-]{1,7}$/.test(m[2])) return m[2];
    return m[1] || full;
  }

  /** The name of an area key: a party, "contested:a+b", "joint:a+b" or "unknown". */
  areaName(key, date) {
    if (key === 'unknown') return t('unknown');
    const m = /^(contested|joint):(.+)$/.exec(key);
    if (m) return `${t(m[1])}: ${m[2].split('+').map((id) => this.shortName(id, date)).join(' / ')}`;
    return this.name(key, date);
  }
}

/** A safe CSS colour (hex only) or a neutral grey. */
export function safeColour(c) {
  return typeof c === 'string' && HEX.test(c) ? c : '#9aa0a6';
}
