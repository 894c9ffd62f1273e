// The side panel's contents: shares per party with the method, a place's history with its
// sources, why a point has its colour, and what changed between two dates. All text is
// inserted as text nodes.

import { h, fill, externalLink } from './dom.js';
import { t, currentLang, formatDate, formatNumber, formatPct } from './i18n.js';
import { swatch } from './swatch.js';

export function message(el, text, cls = 'note') {
  fill(el, h('p', { class: cls, text }));
}

function statusText(status) {
  return t(`status_${status}`) === `status_${status}` ? status : t(`status_${status}`);
}

/** A sentence from the API starts with a capital letter. */
function sentence(text) {
  const s = String(text || '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function confidenceLabel(c) {
  const k = `confidence_${c}`;
  return t(k) === k ? c : t(k);
}

function partiesLine(parties, partyList, date, status) {
  const colours = partyList.map((id) => parties.colour(id, date));
  const kind = status === 'contested' || status === 'joint' || status === 'besieged' ? status : partyList.length ? 'party' : 'unknown';
  return h('span', { class: 'parties-line' },
    swatch(kind, colours),
    h('span', { class: 'status', text: statusText(status) }),
    partyList.length ? h('span', { class: 'party-names', text: partyList.map((id) => parties.name(id, date)).join(' / ') }) : null);
}

function stanceText(stance, parties, date) {
  if (!stance || stance === 'neutral') return '';
  const m = /^aligned:(.+)$/.exec(stance);
  return ` · ${m ? t('alignedWith', { party: parties.name(m[1], date) }) : stance}`;
}

export function sourcesList(sources, parties, date) {
  if (!sources || !sources.length) return h('p', { class: 'muted small', text: t('noSources') });
  return h('ul', { class: 'sources' }, sources.map((src) =>
    h('li', {},
      h('span', { class: 'publisher', text: src.publisher || '' }),
      src.title ? [' — ', externalLink(src.url, src.title)] : null,
      h('span', { class: 'muted small' }, [src.published ? ` · ${formatDate(src.published, 'short')}` : '', stanceText(src.stance, parties, date)]))));
}

/** The shares table: area, effective area and people per party, contested, joint and unknown. */
export function renderShares(el, stats, parties) {
  const rows = [...stats.parties].sort((a, b) => {
    const rank = (r) => (r.kind === 'unknown' ? 2 : r.kind === 'party' ? 0 : 1);
    return rank(a) - rank(b) || b.area_pct - a.area_pct;
  });
  const head = h('tr', {},
    h('th', { scope: 'col', text: t('party') }),
    h('th', { scope: 'col', class: 'num', text: t('area') }),
    h('th', { scope: 'col', class: 'num', text: t('effectiveShort') }),
    h('th', { scope: 'col', class: 'num', text: t('population') }));
  const body = rows.map((r) => h('tr', { dataset: { key: r.id }, class: `row-${r.kind}` },
    h('th', { scope: 'row' }, swatch(r.kind, r.colours), h('span', { class: 'row-name', text: parties.areaName(r.id, stats.date) })),
    h('td', { class: 'num', title: `${formatNumber(r.area_km2)} ${t('km')}²` }, formatPct(r.area_pct), h('small', {}, `${formatNumber(r.area_km2)} ${t('km')}²`)),
    h('td', { class: 'num', title: `${formatNumber(r.effective_km2)} ${t('km')}²` }, formatPct(r.effective_pct)),
    h('td', { class: 'num', title: formatNumber(r.population) }, formatPct(r.population_pct), h('small', {}, formatNumber(r.population)))));
  fill(el, h('table', { class: 'shares' }, h('thead', {}, head), h('tbody', {}, body)));
}

const CAPS = ['10', '20', '35', '50', '75', 'none'];
const BANDS = ['0', '3', '7', '15'];
const STALES = ['none', '90', '180', '365', '730'];

/**
 * The method stated next to the figures, with its choices.
 * @param {HTMLElement} el
 * @param {{method:any, denominator:any}} stats
 * @param {(change:{cap_km?:string,band_km?:string,stale_days?:string}|null)=>void} onChange null to reset
 */
export function renderMethod(el, stats, onChange) {
  const m = stats.method;
  const cur = (v) => (v === null || v === undefined ? 'none' : String(Number(v)));
  const select = (name, label, values, value, unit, note) => {
    const opts = new Set([...values, value]);
    const sel = h('select', { name, 'aria-label': label, onchange: (e) => onChange({ [name]: e.target.value }) },
      [...opts].map((v) => h('option', { value: v, selected: v === value, text: v === 'none' ? t('none') : `${formatNumber(Number(v))} ${unit}` })));
    return h('label', { class: 'method-choice', title: note }, h('span', { text: label }), sel);
  };
  const d = stats.denominator;
  const popSources = Object.entries(d.population_sources || {}).map(([k, n]) => `${k}: ${formatNumber(n)}`).join('; ');
  fill(el,
    h('div', { class: 'method-row' },
      select('cap_km', t('capKm'), CAPS, cur(m.cap_km), t('km'), t('capNote')),
      select('band_km', t('bandKm'), BANDS, cur(m.band_km), t('km'), t('bandNote')),
      select('stale_days', t('staleDays'), STALES, cur(m.stale_days), t('days'), t('staleAfter'))),
    h('p', { class: 'method-text' },
      h('strong', { text: `${t('method')}: ` }),
      `${t('methodNearest')} `,
      `${t('capKm')} ${m.cap_km === null ? t('none') : `${formatNumber(m.cap_km)} ${t('km')}`}; `,
      `${t('bandKm')} ${formatNumber(m.band_km)} ${t('km')}; `,
      `${t('staleDays')} ${m.stale_days === null ? t('none') : `${formatNumber(m.stale_days)} ${t('days')}`}.`),
    h('p', { class: 'method-text' },
      h('strong', { text: `${t('denominator')}: ` }),
      `${formatNumber(d.area_km2)} ${t('km')}² (${t('denomArea')}); `,
      `${formatNumber(d.effective_km2)} ${t('km')}² (${t('denomEffective', { km: formatNumber(m.effective_km) })}); `,
      `${formatNumber(d.population)} (${t('denomPopulation')}${popSources ? `; ${popSources}` : ''}).`),
    h('button', { type: 'button', class: 'link-button', onclick: () => onChange(null), text: t('resetMethod') }));
}

/** A place's history, newest first, with sources and corrections. */
export function renderHistory(el, place, history, stateNow, parties, date, regionName) {
  const ar = currentLang() === 'ar' && place?.name_ar;
  const title = h('h2', { class: 'place-name', text: (ar ? place.name_ar : place?.name) || stateNow?.name || '' });
  const sub = [];
  const other = ar ? place.name : place?.name_ar;
  if (other && other !== (ar ? place.name_ar : place?.name)) sub.push(h('span', { class: 'alt-name', lang: ar ? 'en' : 'ar', dir: ar ? 'ltr' : 'rtl', text: other }));
  const kind = place?.kind ? (t(`kind_${place.kind}`) === `kind_${place.kind}` ? place.kind : t(`kind_${place.kind}`)) : null;
  const facts = [kind, regionName, place?.population ? t('population_n', { n: formatNumber(place.population) }) : null].filter(Boolean).join(' · ');
  const now = stateNow
    ? h('div', { class: 'place-now' },
      h('div', { class: 'muted small', text: t('stateOn', { date: formatDate(date) }) }),
      partiesLine(parties, stateNow.parties || [], date, stateNow.status),
      stateNow.since ? h('div', { class: 'muted small' }, `${t('since')} ${formatDate(stateNow.since)}`, stateNow.stale_days !== null && stateNow.stale_days !== undefined ? ` · ${t('daysSinceConfirmed', { n: formatNumber(stateNow.stale_days) })}` : '') : null)
    : null;
  const items = history.map((o) => {
    const superseded = o.superseded_by && o.superseded_by.length > 0;
    return h('li', { class: `obs${superseded ? ' superseded' : ''}` },
      h('div', { class: 'obs-head' },
        h('time', { datetime: o.date, text: formatDate(o.date) }),
        o.valid_until ? h('span', { class: 'muted small', text: ` ${t('validUntil')} ${formatDate(o.valid_until)}` }) : null,
        h('span', { class: `confidence conf-${o.confidence}`, text: `${t('confidence')}: ${confidenceLabel(o.confidence)}` })),
      partiesLine(parties, o.parties || [], o.date, o.status),
      o.note ? h('p', { class: 'obs-note', text: o.note }) : null,
      superseded ? h('p', { class: 'muted small', text: t('correctedBy') }) : null,
      o.supersedes && o.supersedes.length ? h('p', { class: 'muted small', text: t('corrects') }) : null,
      sourcesList(o.sources, parties, o.date));
  });
  fill(el, title, sub, facts ? h('p', { class: 'muted', text: facts }) : null, now,
    h('h3', { text: t('history') }), h('ol', { class: 'history' }, items));
}

/**
 * Why a point has its colour, in the viewer's language, from the answer's facts (the API's
 * own `explanation` is English; it is kept for a rule the viewer does not know).
 */
export function whyText(why, parties, date, placeName) {
  const place = placeName(why.place) || why.place_name || '';
  const km = formatNumber(why.distance_km ?? 0, 1);
  const method = why.method || {};
  if (why.unobserved && why.rule === 'nearest' && why.lender) {
    return t('whyLent', {
      place, km, date: formatDate(date), lender: placeName(why.lender) || why.lender_name || why.lender,
      status: statusText(why.evidence?.status || 'unknown'),
      name: parties.areaName(why.key, date),
    });
  }
  if (why.unobserved && why.rule === 'place_unknown' && !why.lender) {
    return t('whyNoLender', { place, km, date: formatDate(date) });
  }
  switch (why.rule) {
    case 'nearest':
      return t('whyNearest', {
        place, km, date: formatDate(date),
        status: statusText(why.evidence?.status || 'unknown'),
        name: parties.areaName(why.key, date),
      });
    case 'place_unknown':
      return t('whyPlaceUnknown', { place, km });
    case 'beyond_cap':
      return t('whyBeyondCap', { place, km, cap: method.cap_km == null ? '—' : formatNumber(method.cap_km) });
    case 'beyond_lender_cap':
      return t('whyBeyondLenderCap', {
        place, km, date: formatDate(date),
        lender: placeName(why.lender) || why.lender_name || why.lender || '—',
        cap: method.cap_km == null ? '—' : formatNumber(method.cap_km),
      });
    case 'band':
      return t('whyBand', { band: formatNumber(method.band_km ?? 0, 1), place, neighbour: placeName(why.neighbour) || '—' });
    default:
      return sentence(why.explanation);
  }
}

/** A colour rests on old evidence when the report behind it is older than this (as the API). */
const OLD_EVIDENCE_DAYS = 365;

/** Why the clicked point has its colour: the rule, the place and its evidence. */
export function renderWhy(el, why, parties, date, placeName = () => null, onArea = null) {
  const ev = why.evidence;
  const kind = why.key === 'unknown' ? 'unknown' : why.key.startsWith('contested:') ? 'contested' : why.key.startsWith('joint:') ? 'joint' : 'party';
  const ids = kind === 'party' ? [why.key] : kind === 'unknown' ? [] : why.key.split(':')[1].split('+');
  fill(el,
    h('p', { class: 'muted small', text: t('stateOn', { date: formatDate(date) }) }),
    h('h2', {}, swatch(kind, ids.map((id) => parties.colour(id, date))), h('span', { text: parties.areaName(why.key, date) })),
    h('p', { class: 'why-explanation', text: whyText(why, parties, date, placeName) }),
    why.area ? h('p', { class: 'why-area' },
      h('span', { text: t('whyArea', { place: placeName(why.lender || why.place) || why.lender_name || why.place_name || '', area: why.area.name }) }), ' ',
      onArea ? h('button', { type: 'button', class: 'link-button area-outline', onclick: () => onArea(why.area.id), text: t('showOutline') }) : null) : null,
    why.area ? h('p', { class: 'muted small', text: t('areaDrawn', { drawn: why.area.drawn }) }) : null,
    why.key !== 'unknown' && why.stale_days > OLD_EVIDENCE_DAYS
      ? h('p', { class: 'why-old', text: t('oldEvidence', { n: formatNumber(why.stale_days) }) }) : null,
    h('dl', { class: 'facts' },
      h('dt', { text: t('rule') }), h('dd', { text: t(`rule_${why.rule}`) === `rule_${why.rule}` ? why.rule : t(`rule_${why.rule}`) }),
      why.place_name ? [h('dt', { text: t('nearestPlace') }), h('dd', { text: placeName(why.place) || why.place_name })] : null,
      why.lender ? [h('dt', { text: t('lentBy') }), h('dd', { text: placeName(why.lender) || why.lender_name })] : null,
      why.area ? [h('dt', { text: t('areaEvidence') }), h('dd', { text: why.area.name })] : null,
      why.distance_km !== null && why.distance_km !== undefined ? [h('dt', { text: t('distance') }), h('dd', { text: `${formatNumber(why.distance_km, 1)} ${t('km')}` })] : null,
      why.stale_days !== null && why.stale_days !== undefined ? [h('dt', { text: t('lastConfirmed') }), h('dd', { text: t('daysSinceConfirmed', { n: formatNumber(why.stale_days) }) })] : null),
    ev ? h('div', { class: 'evidence' },
      h('h3', { text: t('evidence') }),
      h('div', { class: 'obs-head' }, h('time', { datetime: ev.date, text: formatDate(ev.date) }), ev.confidence ? h('span', { class: `confidence conf-${ev.confidence}`, text: `${t('confidence')}: ${confidenceLabel(ev.confidence)}` }) : null),
      partiesLine(parties, ev.parties || [], ev.date, ev.status),
      sourcesList(ev.sources, parties, ev.date)) : null,
    presenceNear(why, parties, date));
}

/** One foreign force's site near the asked point, in a line: force, site, kind, distance. */
export function presenceNearLine(n) {
  const force = (currentLang() === 'ar' && n.force_name_ar) || n.force_name;
  const kind = t(`presenceKind_${n.kind}`) === `presenceKind_${n.kind}` ? n.kind : t(`presenceKind_${n.kind}`);
  return `${force} · ${n.site} · ${kind} · ${formatNumber(n.distance_km, 1)} ${t('km')}`;
}

/** The foreign forces within 10 km of the point, apart from the colour they did not decide. */
function presenceNear(why, parties, date) {
  const near = why.presence || [];
  if (!near.length) return null;
  return h('div', { class: 'why-presence' },
    h('h3', { text: t('whyPresence', { km: formatNumber(10) }) }),
    h('p', { class: 'muted small', text: t('whyPresenceNotControl') }),
    h('ul', { class: 'presence-near' }, near.map((n) => h('li', {},
      h('span', { class: 'presence-near-line', text: presenceNearLine(n) }),
      sourcesList(n.sources, parties, date)))));
}

/** What changed between two dates: the balance per party and the places with their evidence. */
export function renderDiff(el, diff, parties, from, to, onPlace) {
  const balance = (diff.balance || []).filter((b) => Math.abs(b.area_km2) >= 0.5 || b.population);
  const places = [...(diff.places || [])].sort((a, b) => (b.population || 0) - (a.population || 0));
  const sign = (n, digits = 0) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatNumber(Math.abs(n), digits)}`;
  fill(el,
    h('h2', { text: t('changesBetween', { a: formatDate(from), b: formatDate(to) }) }),
    balance.length ? [h('h3', { text: t('balance') }),
      h('table', { class: 'balance' },
        h('thead', {}, h('tr', {}, h('th', { text: t('party') }), h('th', { class: 'num', text: `${t('area')} (${t('km')}²)` }), h('th', { class: 'num', text: t('population') }))),
        h('tbody', {}, balance.map((b) => {
          const kind = b.id === 'unknown' ? 'unknown' : b.id.includes(':') ? b.id.split(':')[0] : 'party';
          const ids = kind === 'party' ? [b.id] : kind === 'unknown' ? [] : b.id.split(':')[1].split('+');
          return h('tr', {},
            h('th', { scope: 'row' }, swatch(kind, ids.map((id) => parties.colour(id, to))), h('span', { class: 'row-name', text: parties.areaName(b.id, to) })),
            h('td', { class: `num ${b.area_km2 > 0 ? 'gain' : b.area_km2 < 0 ? 'loss' : ''}`, text: sign(b.area_km2) }),
            h('td', { class: `num ${b.population > 0 ? 'gain' : b.population < 0 ? 'loss' : ''}`, text: sign(b.population || 0) }));
        })))] : null,
    (diff.reorganised || []).length ? h('p', { class: 'muted small reorganised', text: t('reorganised', {
      n: formatNumber(diff.reorganised.length),
      what: [...new Set(diff.reorganised.map((r) => `${(r.before.parties || []).map((id) => parties.name(id, from)).join(' + ')} → ${(r.after.parties || []).map((id) => parties.name(id, to)).join(' + ')}`))].join('; '),
    }) }) : null,
    (diff.first_reported || []).length + (diff.no_longer_reported || []).length ? h('p', { class: 'muted small not-changes', text: t('notChanges', {
      first: formatNumber((diff.first_reported || []).length),
      gone: formatNumber((diff.no_longer_reported || []).length),
    }) }) : null,
    h('h3', { text: places.length ? t('placesChanged', { n: formatNumber(places.length) }) : t('noChanges') }),
    h('ol', { class: 'changes' }, places.map((p) => h('li', {},
      h('button', { type: 'button', class: 'link-button place-link', onclick: () => onPlace(p.place), text: p.name }),
      p.population ? h('span', { class: 'muted small', text: ` · ${t('population_n', { n: formatNumber(p.population) })}` }) : null,
      h('div', { class: 'change-row' },
        partiesLine(parties, p.before?.parties || [], from, p.before?.status || 'unknown'),
        h('span', { class: 'arrow', 'aria-hidden': 'true', text: '→' }),
        partiesLine(parties, p.after?.parties || [], to, p.after?.status || 'unknown')),
      (p.evidence || []).length ? h('details', {},
        h('summary', { text: `${t('evidence')} (${formatNumber(p.evidence.length)})` }),
        p.evidence.map((e) => h('div', { class: 'evidence' },
          h('time', { datetime: e.date, text: formatDate(e.date) }),
          partiesLine(parties, e.parties || [], e.date, e.status),
          sourcesList(e.sources, parties, e.date)))) : null))));
}
