// Finding places by name as people type them: any of a place's names (English, Arabic,
// other spellings), without case, accents, apostrophes, hyphens or an article ("al-",
// "el-", "ad-", ...), whole name first, then the start of a name, then a part of one, then
// a name one typo away (two for long names); among several, the most populous (then cities before towns before villages).

const ARTICLE = /^(?:a[ld]|a[rstnz]|a[sš]|el|es|ash|at|az|ad|an|ar|as)[-\s']+/;
const KIND_RANK = { city: 0, town: 1, village: 2, neighbourhood: 3 };

/** A name as the index compares it. */
export function normalize(text) {
  let s = String(text || '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019'`ʿʾ]/g, '')
    .trim();
  // Arabic: hamza forms of alif as bare alif, ta marbuta as ha, the article dropped.
  s = s.replace(/[\u0622\u0623\u0625]/g, '\u0627').replace(/\u0629/g, '\u0647').replace(/^\u0627\u0644/, '');
  s = s.replace(ARTICLE, '');
  return s.replace(/[-\s_.,()]+/g, ' ').trim();
}

/** An index of `places` (objects with id, name, name_ar, aliases, population, kind). */
export class PlaceIndex {
  constructor(places) {
    this.entries = [];
    this.exact = new Map();
    for (const p of places) {
      const names = [p.name, p.name_ar, ...(p.aliases || [])].filter(Boolean);
      for (const n of new Set(names)) {
        if (!this.exact.has(n)) this.exact.set(n, p);
        this.entries.push({ key: normalize(n), place: p });
      }
    }
  }

  /** Every name, for the suggestion list. */
  names() {
    return [...this.exact.keys()].sort((a, b) => a.localeCompare(b));
  }

  /** The place a query means, or null. */
  find(query) {
    const raw = String(query || '').trim();
    if (!raw) return null;
    if (this.exact.has(raw)) return this.exact.get(raw);
    const q = normalize(raw);
    if (!q) return null;
    // A typo: one letter wrong, missing or extra (two in a name of nine letters or more).
    const typos = q.length >= 9 ? 2 : q.length >= 4 ? 1 : 0;
    for (const test of [(k) => k === q, (k) => k.startsWith(q), (k) => k.includes(q), (k) => within(k, q, typos)]) {
      const found = this.entries.filter((e) => test(e.key)).map((e) => e.place);
      if (found.length) return best(found);
    }
    return null;
  }
}

/** Whether `a` and `b` are at most `max` edits apart (Levenshtein; 0 means equal only). */
function within(a, b, max) {
  if (!max || Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let low = i;
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      low = Math.min(low, row[j]);
    }
    if (low > max) return false;
    prev = row;
  }
  return prev[b.length] <= max;
}

function best(places) {
  return [...places].sort((a, b) =>
    (b.population || 0) - (a.population || 0)
    || (KIND_RANK[a.kind] ?? 9) - (KIND_RANK[b.kind] ?? 9)
    || String(a.id).localeCompare(String(b.id)))[0];
}
