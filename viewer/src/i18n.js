// Interface strings in English and Arabic. Data (names of places and parties) comes from
// the API in both languages; only the viewer's own words are here.

const STRINGS = {
  en: {
    title: 'Frontline',
    asOf: 'As of',
    play: 'Play',
    pause: 'Pause',
    prevDay: 'Previous day',
    nextDay: 'Next day',
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    prevTalks: 'Previous round of talks',
    nextTalks: 'Next round of talks',
    day: 'day',
    month: 'month',
    talks: 'talks',
    evidencePerMonth: 'Observations per month',
    roundsOfTalks: 'Rounds of talks',
    compare: 'Compare',
    compareWith: 'Compare with',
    swipeHint: 'Drag the divider to compare',
    printMap: 'Print map',
    share: 'Copy link',
    copied: 'Link copied',
    language: 'عربي',
    languageName: 'Switch to Arabic',
    tabShares: 'Shares',
    tabPlace: 'Place',
    tabWhy: 'Why this colour',
    tabChanges: 'Changes',
    party: 'Party',
    area: 'Area',
    effective: 'Effective area',
    effectiveShort: 'Effective',
    population: 'People',
    method: 'Method',
    methodNearest: 'Each point of land takes the state of its nearest observed place (Voronoi cells in an equal-area projection, clipped to the boundary).',
    capKm: 'Distance cap',
    bandKm: 'Contested band',
    staleDays: 'Staleness limit',
    none: 'none',
    km: 'km',
    days: 'days',
    denominator: 'Denominator',
    denomArea: 'total area on the ellipsoid',
    denomEffective: 'effective area: land within {km} km of populated places and key sites',
    denomPopulation: 'population of the places with a known population',
    shareOverTime: 'Share over time',
    measureArea: 'Area',
    measureEffective: 'Effective',
    measurePopulation: 'People',
    unknown: 'Unknown',
    contested: 'Contested',
    joint: 'Joint',
    contestedOrJoint: 'Contested or joint',
    legend: 'Legend',
    unknownNote: 'no observed place within the cap',
    clickPlace: 'Click a place on the map to see its history and sources.',
    clickWhy: 'Click anywhere on the map to see why it has its colour.',
    history: 'History',
    sources: 'Sources',
    noSources: 'No source recorded',
    confidence: 'confidence',
    validUntil: 'until',
    correctedBy: 'corrected by a later record',
    corrects: 'corrects an earlier record',
    recorded: 'recorded',
    stateOn: 'State on {date}',
    since: 'since',
    daysSinceConfirmed: '{n} days since last confirmed',
    kind: 'Kind',
    region: 'Region',
    rule: 'Rule',
    distance: 'Distance to the place',
    evidence: 'Evidence',
    nearestPlace: 'Place',
    changesBetween: 'Changes between {a} and {b}',
    noChanges: 'No place changed hands between these dates.',
    placesChanged: '{n} places changed',
    balance: 'Balance',
    before: 'Before',
    after: 'After',
    turnOnCompare: 'Turn on “Compare” to list what changed between two dates.',
    loading: 'Loading…',
    error: 'Could not load: {message}',
    status_controlled: 'controlled',
    status_contested: 'contested',
    status_joint: 'joint',
    status_besieged: 'besieged',
    status_claimed: 'claimed',
    status_unknown: 'unknown',
    population_n: 'population {n}',
    close: 'Close',
    panel: 'Panel',
    staleAfter: 'older evidence claims no land',
    capNote: 'land farther than this from its place is unknown',
    bandNote: 'width of the hatched band where two parties meet',
    resetMethod: 'Default method',
    attribution: 'Data: Frontline (sources per observation); boundaries: Natural Earth, geoBoundaries; places: GeoNames',
    date: 'Date',
    stats: 'figures',
  },
  ar: {
    title: 'خط الجبهة',
    asOf: 'حتى تاريخ',
    play: 'تشغيل',
    pause: 'إيقاف مؤقت',
    prevDay: 'اليوم السابق',
    nextDay: 'اليوم التالي',
    prevMonth: 'الشهر السابق',
    nextMonth: 'الشهر التالي',
    prevTalks: 'جولة المحادثات السابقة',
    nextTalks: 'جولة المحادثات التالية',
    day: 'يوم',
    month: 'شهر',
    talks: 'محادثات',
    evidencePerMonth: 'عدد الملاحظات في الشهر',
    roundsOfTalks: 'جولات المحادثات',
    compare: 'مقارنة',
    compareWith: 'مقارنة مع',
    swipeHint: 'اسحب الفاصل للمقارنة',
    printMap: 'خريطة للطباعة',
    share: 'نسخ الرابط',
    copied: 'نُسخ الرابط',
    language: 'English',
    languageName: 'التبديل إلى الإنجليزية',
    tabShares: 'الحصص',
    tabPlace: 'المكان',
    tabWhy: 'لماذا هذا اللون',
    tabChanges: 'التغييرات',
    party: 'الطرف',
    area: 'المساحة',
    effective: 'المساحة الفعلية',
    effectiveShort: 'الفعلية',
    population: 'السكان',
    method: 'المنهجية',
    methodNearest: 'تأخذ كل نقطة من الأرض حالة أقرب مكان مرصود إليها (خلايا فورونوي في إسقاط متساوي المساحة، مقصوصة بالحدود).',
    capKm: 'حد المسافة',
    bandKm: 'شريط التنازع',
    staleDays: 'حد التقادم',
    none: 'بلا',
    km: 'كم',
    days: 'يوم',
    denominator: 'المقام',
    denomArea: 'المساحة الكلية على الإهليلج',
    denomEffective: 'المساحة الفعلية: الأرض ضمن {km} كم من الأماكن المأهولة والمواقع الرئيسية',
    denomPopulation: 'سكان الأماكن المعروف عدد سكانها',
    shareOverTime: 'الحصص عبر الزمن',
    measureArea: 'المساحة',
    measureEffective: 'الفعلية',
    measurePopulation: 'السكان',
    unknown: 'غير معروف',
    contested: 'متنازع عليه',
    joint: 'مشترك',
    contestedOrJoint: 'متنازع عليه أو مشترك',
    legend: 'مفتاح الخريطة',
    unknownNote: 'لا مكان مرصود ضمن الحد',
    clickPlace: 'انقر على مكان في الخريطة لعرض تاريخه ومصادره.',
    clickWhy: 'انقر على أي نقطة في الخريطة لمعرفة سبب لونها.',
    history: 'التاريخ',
    sources: 'المصادر',
    noSources: 'لا مصدر مسجل',
    confidence: 'الثقة',
    validUntil: 'حتى',
    correctedBy: 'صُحّح بسجل لاحق',
    corrects: 'يصحح سجلاً سابقاً',
    recorded: 'سُجّل',
    stateOn: 'الحالة في {date}',
    since: 'منذ',
    daysSinceConfirmed: '{n} يوماً منذ آخر تأكيد',
    kind: 'النوع',
    region: 'المحافظة',
    rule: 'القاعدة',
    distance: 'المسافة إلى المكان',
    evidence: 'الدليل',
    nearestPlace: 'المكان',
    changesBetween: 'التغييرات بين {a} و{b}',
    noChanges: 'لم يتغير مسيطر أي مكان بين هذين التاريخين.',
    placesChanged: 'تغيّر {n} مكاناً',
    balance: 'الحصيلة',
    before: 'قبل',
    after: 'بعد',
    turnOnCompare: 'فعّل «مقارنة» لعرض ما تغير بين تاريخين.',
    loading: 'جارٍ التحميل…',
    error: 'تعذر التحميل: {message}',
    status_controlled: 'مسيطر عليه',
    status_contested: 'متنازع عليه',
    status_joint: 'سيطرة مشتركة',
    status_besieged: 'محاصر',
    status_claimed: 'مُدّعى',
    status_unknown: 'غير معروف',
    population_n: 'عدد السكان {n}',
    close: 'إغلاق',
    panel: 'اللوحة',
    staleAfter: 'الأدلة الأقدم لا تمنح أرضاً',
    capNote: 'الأرض الأبعد من ذلك عن مكانها غير معروفة',
    bandNote: 'عرض الشريط المخطط حيث يلتقي طرفان',
    resetMethod: 'المنهجية الافتراضية',
    attribution: 'البيانات: Frontline (مصادر لكل ملاحظة)؛ الحدود: Natural Earth وgeoBoundaries؛ الأماكن: GeoNames',
    date: 'التاريخ',
    stats: 'الأرقام',
  },
};

let lang = 'en';

export function setLang(l) {
  lang = l === 'ar' ? 'ar' : 'en';
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}

export function currentLang() {
  return lang;
}

/** The interface string `key`, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

const dateFormats = new Map();
/** A date (YYYY-MM-DD) as people read it, e.g. "13 December 2017". */
export function formatDate(iso, style = 'long') {
  if (!iso) return '';
  const key = lang + style;
  if (!dateFormats.has(key)) {
    const opts = style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
    dateFormats.set(key, new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SY' : 'en-GB', { ...opts, timeZone: 'UTC' }));
  }
  return dateFormats.get(key).format(new Date(`${iso}T00:00:00Z`));
}

/** A number with grouping, at most `digits` decimals. */
export function formatNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-SY' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

/** A percentage: one decimal, or "<0.1". */
export function formatPct(p) {
  if (p === null || p === undefined) return '–';
  if (p > 0 && p < 0.05) return `<${formatNumber(0.1, 1)}%`;
  return `${formatNumber(p, 1)}%`;
}
