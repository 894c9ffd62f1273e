// Unit tests of the viewer's pure modules (no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, addMonths, clampDate, isIsoDate, toDays, fromDays } from '../src/dates.js';
import { patternImage, patternName } from '../src/patterns.js';
import { Parties } from '../src/parties.js';
import { stepTalks, talksOn, sliderValue, sliderDate } from '../src/timeline.js';

test('months are added day for day, clamped to the end of shorter months', () => {
  assert.equal(addMonths('2017-01-31', 1), '2017-02-28');
  assert.equal(addMonths('2016-01-31', 1), '2016-02-29');
  assert.equal(addMonths('2017-12-13', 1), '2018-01-13');
  assert.equal(addMonths('2018-01-13', -1), '2017-12-13');
  assert.equal(addDays('2016-12-31', 1), '2017-01-01');
  assert.equal(fromDays(toDays('2011-03-15')), '2011-03-15');
});

test('only real calendar dates are accepted from the URL', () => {
  assert.ok(isIsoDate('2017-12-13'));
  for (const bad of ['2017-13-01', '2017-1-1', '<script>', '', null, '2017-12-13T00:00']) assert.ok(!isIsoDate(bad), String(bad));
  assert.equal(clampDate('2000-01-01', '2011-03-15', '2026-01-01'), '2011-03-15');
});

test('the slider maps days both ways', () => {
  const v = sliderValue('2011-03-15', '2018-06-01');
  assert.equal(sliderDate('2011-03-15', v), '2018-06-01');
});

test('stepping by rounds of talks finds the next and previous start', () => {
  const m = [{ id: 'a', start: '2016-02-01', end: '2016-02-03' }, { id: 'b', start: '2017-01-23', end: '2017-01-24' }];
  assert.equal(stepTalks(m, '2016-06-01', 1), '2017-01-23');
  assert.equal(stepTalks(m, '2016-06-01', -1), '2016-02-01');
  assert.equal(stepTalks(m, '2018-01-01', 1), null);
  assert.equal(talksOn(m, '2016-02-02').id, 'a');
});

test('contested hatching alternates both colours diagonally; joint stripes are vertical', () => {
  const img = patternImage('contested', ['#ff0000', '#0000ff']);
  const at = (x, y) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));
  assert.deepEqual(at(0, 0), [255, 0, 0]);
  assert.deepEqual(at(img.width - 1, 0), [0, 0, 255]);
  assert.deepEqual(at(1, img.height - 1), at(0, 0), 'the diagonal wraps so tiles join seamlessly');
  const joint = patternImage('joint', ['#ff0000', '#0000ff']);
  assert.deepEqual(Array.from(joint.data.slice(0, 3)), Array.from(joint.data.slice((5 * joint.width) * 4, (5 * joint.width) * 4 + 3)));
  assert.notEqual(patternName('contested', ['#ff0000', '#0000ff']), patternName('joint', ['#ff0000', '#0000ff']));
});

test('party names and colours follow the version in force on the date', () => {
  const parties = new Parties([
    { id: 'nusra', name: 'Al-Nusra Front', colour: '#6e6e6e', valid_from: '2012-01-23', since: null },
    { id: 'nusra', name: 'Jabhat Fatah al-Sham', colour: '#6e6e6e', valid_from: '2012-01-23', since: '2016-07-28' },
    { id: 'hts', name: "Hay'at Tahrir al-Sham (HTS)", colour: '#8c8c8c', valid_from: '2017-01-28', since: null },
    { id: 'government', name: 'Syrian government (Assad) and allied forces', colour: 'red; background:url(x)', valid_from: '2011-03-15', since: null },
  ]);
  assert.equal(parties.name('nusra', '2015-01-01'), 'Al-Nusra Front');
  assert.equal(parties.name('nusra', '2016-08-01'), 'Jabhat Fatah al-Sham');
  assert.equal(parties.shortName('hts', '2018-01-01'), 'HTS');
  assert.equal(parties.shortName('government', '2018-01-01'), 'Syrian government');
  assert.equal(parties.colour('government', '2018-01-01'), '#9aa0a6', 'a colour that is not a hex colour never reaches CSS');
  assert.equal(parties.areaName('contested:government+hts', '2018-01-01'), 'Contested: Syrian government / HTS');
});

import { normalize, PlaceIndex } from '../src/names.js';

test('names are compared without case, accents, hyphens, apostrophes or an article', () => {
  assert.equal(normalize('Deir ez-Zor'), normalize('deir ez zor'));
  assert.equal(normalize('al-Bab'), 'bab');
  assert.equal(normalize("Ma'arrat al-Nu'man"), normalize('Maarrat al-Numan'));
  assert.equal(normalize('Ḥamā'), 'hama');
  assert.equal(normalize('ash-Shaddadi'), 'shaddadi');
});

test('a place is found by any of its names, whole, by its start or by a part', () => {
  const places = [
    { id: 'aleppo', name: 'Aleppo', name_ar: 'حلب', kind: 'city', population: 1602264 },
    { id: 'aleppo-airport', name: 'Aleppo International Airport', kind: 'airport' },
    { id: 'palmyra', name: 'Palmyra (Tadmur)', name_ar: 'تدمر', kind: 'town', aliases: ['Palmyra', 'Tadmur'], population: 51015 },
    { id: 'al-tanf', name: 'Al-Tanf Border Post', kind: 'border_crossing' },
    { id: 'deir-ez-zor', name: 'Deir ez-Zor', kind: 'city', population: 242565 },
  ];
  const index = new PlaceIndex(places);
  const id = (q) => index.find(q)?.id ?? null;
  assert.equal(id('Palmyra'), 'palmyra');
  assert.equal(id('tadmur'), 'palmyra');
  assert.equal(id('Tanf'), 'al-tanf');
  assert.equal(id('Deir ez Zor'), 'deir-ez-zor');
  assert.equal(id('Alep'), 'aleppo', 'the start of a name, the most populous first');
  assert.equal(id('حلب'), 'aleppo');
  assert.equal(id('Aleppp'), 'aleppo', 'one typo');
  assert.equal(id('Deir ez Zoor'), 'deir-ez-zor', 'one letter too many');
  assert.equal(id('Atlantis'), null);
  assert.equal(id('   '), null);
});

test('every rule a why answer can name reads in both languages, the lender cap included', async () => {
  globalThis.document ??= { documentElement: {} };
  const { setLang, t } = await import('../src/i18n.js');
  const { whyText } = await import('../src/panel.js');
  const parties = { areaName: () => 'Unknown' };
  const why = {
    rule: 'beyond_lender_cap', key: 'unknown', unobserved: true, place: 'p', place_name: 'Al-Sukhnah',
    distance_km: 12.34, lender: 'q', lender_name: 'Palmyra', method: { cap_km: 35 },
  };
  setLang('en');
  const en = whyText(why, parties, '2016-06-30', () => null);
  assert.match(en, /Al-Sukhnah \(12\.3 km away\).*Palmyra.*cap of 35 km/);
  setLang('ar');
  const ar = whyText(why, parties, '2016-06-30', () => null);
  assert.match(ar, /Al-Sukhnah.*Palmyra/);
  assert.notEqual(ar, en);
  // The rules crates/atlas/src/why.rs documents.
  for (const lang of ['en', 'ar']) {
    setLang(lang);
    for (const rule of ['nearest', 'place_unknown', 'beyond_cap', 'beyond_lender_cap', 'band']) {
      assert.notEqual(t(`rule_${rule}`), `rule_${rule}`, `${lang}: rule_${rule}`);
    }
  }
  setLang('en');
});

test('why names a nearby foreign force in a line, in both languages', async () => {
  globalThis.document ??= { documentElement: {} };
  const { setLang, t } = await import('../src/i18n.js');
  const { presenceNearLine } = await import('../src/panel.js');
  const near = { force_name: 'Russian Armed Forces', force_name_ar: 'القوات المسلحة الروسية', site: 'Khmeimim air base', kind: 'air_base', distance_km: 3.04 };
  setLang('en');
  assert.equal(presenceNearLine(near), 'Russian Armed Forces · Khmeimim air base · Air base · 3.0 km');
  assert.match(t('whyPresenceNotControl'), /not control/);
  setLang('ar');
  const ar = presenceNearLine(near);
  assert.ok(ar.startsWith('القوات المسلحة الروسية · Khmeimim air base · قاعدة جوية'), ar);
  assert.notEqual(t('whyPresence', { km: '10' }), 'whyPresence');
  setLang('en');
});

test('presence symbols: a shape per kind of site, filled with the force colour in a white outline', async () => {
  const { presenceIcon, presenceIconName, PRESENCE_KINDS } = await import('../src/presence-icons.js');
  const shapes = new Set();
  for (const kind of PRESENCE_KINDS) {
    const img = presenceIcon(kind, '#8c510a');
    const at = (x, y) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    const mid = Math.floor(img.width / 2);
    assert.deepEqual(at(mid, mid), [0x8c, 0x51, 0x0a, 255], kind);
    assert.equal(at(0, 0)[3], 0, `${kind}: the corner is transparent`);
    assert.ok(img.data.some((v, i) => i % 4 === 0 && v === 255 && img.data[i + 1] === 255 && img.data[i + 2] === 255), `${kind}: a white outline`);
    shapes.add(Array.from(img.data.filter((_, i) => i % 4 === 3)).join(''));
  }
  assert.equal(shapes.size, PRESENCE_KINDS.length, 'every kind has its own shape');
  assert.equal(presenceIconName('air_base', '#8c510a'), 'presence-air_base-8c510a');
  assert.equal(presenceIconName('<script>', 'red'), 'presence-base-9aa0a6');
});
