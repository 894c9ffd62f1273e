//! The envoy's briefing for a round of talks: the render crate's [`BriefScene`], filled from
//! the atlas (maps, shares, what changed and with what evidence, churn, toll, method).

use chrono::{Days, NaiveDate};
use frontline_model::{Milestone, PartyId};
use frontline_render::{BriefBlock, BriefScene, BriefSection, BriefTable, Language, MapScene};

use crate::diff::{Holding, PlaceChange};
use crate::{At, Atlas, Error, Result, TollBy};

/// What a briefing covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BriefOf {
    /// A round of talks by its milestone id (e.g. `geneva-8`): the state at its opening,
    /// and the change since the previous round of its series (or since `since`, or since the
    /// conflict's start when it is the first).
    Round {
        /// The milestone id.
        id: String,
        /// Compare with this date instead of the previous round.
        since: Option<NaiveDate>,
    },
    /// Any period: the state at `to`, the change since `from`.
    Period {
        /// The earlier date.
        from: NaiveDate,
        /// The later date, whose map opens the briefing.
        to: NaiveDate,
    },
}

/// The fixed words of a briefing.
struct Words {
    briefing: &'static str,
    round: &'static str,
    from_to: &'static str,
    compared_with_round: &'static str,
    compared_with_start: &'static str,
    compared_with_since: &'static str,
    period: &'static str,
    shares: &'static str,
    party: &'static str,
    area_km2: &'static str,
    area_pct: &'static str,
    effective_pct: &'static str,
    people: &'static str,
    people_pct: &'static str,
    changed: &'static str,
    n_changed: &'static str,
    not_changes: &'static str,
    place: &'static str,
    before: &'static str,
    after: &'static str,
    date: &'static str,
    source: &'static str,
    reorganised: &'static str,
    none: &'static str,
    n_reorganised: &'static str,
    became: &'static str,
    balance: &'static str,
    churn: &'static str,
    churn_summary: &'static str,
    changes: &'static str,
    sequence: &'static str,
    back: &'static str,
    yes: &'static str,
    toll: &'static str,
    toll_events: &'static str,
    no_toll: &'static str,
    events_method: &'static str,
    events_partial: &'static str,
    events_none: &'static str,
    counts_note: &'static str,
    totals_note: &'static str,
    figure: &'static str,
    value: &'static str,
    as_of: &'static str,
    side: &'static str,
    region: &'static str,
    month: &'static str,
    events: &'static str,
    deaths: &'static str,
    deaths_of_side: &'static str,
    method: &'static str,
    known_at: &'static str,
    evidence: &'static str,
    licence: &'static str,
}

impl Words {
    fn of(language: Language) -> Self {
        match language {
            Language::En => Self {
                briefing: "Briefing",
                round: "The round",
                from_to: "{name}: {location}, {start} to {end}. Dates: {source}.",
                compared_with_round: "Compared with the previous round, {name}, which opened on {date}.",
                compared_with_start: "No earlier round: compared with the start of the conflict, {date}.",
                compared_with_since: "Compared with {date}, as asked (--since).",
                period: "From {from} to {to}",
                shares: "Who held what at the opening, {date}",
                party: "Party",
                area_km2: "Area km²",
                area_pct: "Area %",
                effective_pct: "Effective %",
                people: "People",
                people_pct: "People %",
                changed: "Changed hands from {from} to {to}",
                n_changed: "{n} places changed hands; each with the observation that decided it and its source.",
                not_changes: "Not changes of hands, and not listed: {first} places first reported in the period (no holder known on the earlier date) and {gone} no longer reported.",
                place: "Place",
                before: "Before",
                after: "After",
                date: "Date",
                source: "Source",
                reorganised: "Reorganised, not changes of hands",
                none: "None.",
                n_reorganised: "{n} places whose holder was renamed or reorganised ({pairs}); not counted as gains or losses:",
                became: "became",
                balance: "Net change per party, {from} to {to}",
                churn: "Gains are temporary: the 12 months to {to}",
                churn_summary: "{n} places ({people} people) and the {km2} km² of land they claim changed hands more than once from {from} to {to}; {back} of them ({back_km2} km²) are back with the holder they had on {from}.",
                changes: "Changes",
                sequence: "Holders in order",
                back: "Back with earlier holder",
                yes: "yes",
                toll: "The toll from {from} to {to}",
                toll_events: "{events} violent events, {deaths} deaths (best estimate; low {low}, high {high}), {civilians} of them civilians. Events are not control.",
                no_toll: "No toll figures are loaded: this database holds no violent events and no published figures for the period. Import UCDP GED events (frontline import --format ucdp-ged FILE) or published figures to fill this section.",
                events_method: "Violent events and deaths as UCDP GED defines them: an event is an incident where armed force was used by an organised actor against another, or against civilians, resulting in at least one direct death at a given place and date; deaths are direct deaths, the best estimate with the low and high ones. Each event counts in the month it began, for each of its two sides (as UCDP names them) and in its governorate. Source: Uppsala Conflict Data Program (UCDP), Georeferenced Event Dataset (CC BY 4.0): Sundberg, Ralph and Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset, Journal of Peace Research 50(4); Högbladh, Stina (2019) UCDP GED Codebook version 19.1.",
                events_partial: "The events loaded began from {first} to {last}: these counts are of {a} to {b} only, not of the whole period.",
                events_none: "The events loaded began from {first} to {last}: none in this period.",
                counts_note: "Published counts over a period of their own that overlaps this one, each for its whole period as published (never spread over a shorter period, never added to another of another publisher or definition):",
                totals_note: "Published totals since the start of the conflict and counts of people on a day (refugees, displaced), each as of its own date, with its publisher's definition: those dated in this period, and for each kind with none, the latest before it.",
                figure: "Figure (definition)",
                value: "Value",
                as_of: "Dates covered",
                side: "Side",
                region: "Region",
                month: "Month",
                events: "Events",
                deaths: "Deaths",
                deaths_of_side: "Of the side",
                method: "Method, sources and licences",
                known_at: "As the evidence was known at {known_at}.",
                evidence: "Every observation's sources: frontline history PLACE.",
                licence: "Made with Frontline (MIT). Data: Natural Earth (public domain), GeoNames (CC BY 4.0), Wikipedia (CC BY-SA 4.0), UCDP GED (CC BY 4.0) where events are loaded, and the sources each observation cites.",
            },
            Language::Ar => Self {
                briefing: "إحاطة",
                round: "الجولة",
                from_to: "{name}: {location}، من {start} إلى {end}. التواريخ: {source}.",
                compared_with_round: "مقارنة بالجولة السابقة، {name}، التي افتتحت في {date}.",
                compared_with_start: "لا جولة قبلها: مقارنة ببداية النزاع، {date}.",
                compared_with_since: "مقارنة بتاريخ {date} كما طُلب (--since).",
                period: "من {from} إلى {to}",
                shares: "من سيطر على ماذا عند الافتتاح، {date}",
                party: "الطرف",
                area_km2: "المساحة كم²",
                area_pct: "المساحة ٪",
                effective_pct: "الفعلية ٪",
                people: "السكان",
                people_pct: "السكان ٪",
                changed: "تغيّرت السيطرة من {from} إلى {to}",
                n_changed: "تغيّرت السيطرة على {n} مكانًا، ولكل منها الرصد الذي حسمه ومصدره.",
                not_changes: "ليست تغيّراً في السيطرة ولا ترد في القائمة: {first} مكاناً أُبلغ عنها أول مرة في هذه الفترة (لم تُعرف الجهة المسيطرة في التاريخ الأول) و{gone} لم يعد يُبلغ عنها.",
                place: "المكان",
                before: "قبل",
                after: "بعد",
                date: "التاريخ",
                source: "المصدر",
                reorganised: "إعادة تنظيم، لا تغيّر في السيطرة",
                none: "لا شيء.",
                n_reorganised: "{n} أماكن تغيّر اسم الجهة المسيطرة عليها أو أعيد تنظيمها ({pairs})؛ لا تُحسب مكاسب ولا خسائر:",
                became: "أصبحت",
                balance: "صافي التغيّر لكل طرف، من {from} إلى {to}",
                churn: "المكاسب مؤقتة: الأشهر الاثنا عشر حتى {to}",
                churn_summary: "تغيّرت السيطرة على {n} أماكن ({people} نسمة) وعلى {km2} كم² من الأرض التابعة لها أكثر من مرة من {from} إلى {to}؛ عاد {back} منها ({back_km2} كم²) إلى من كان يسيطر عليها في {from}.",
                changes: "التغيّرات",
                sequence: "المسيطرون بالترتيب",
                back: "عاد إلى المسيطر السابق",
                yes: "نعم",
                toll: "الحصيلة من {from} إلى {to}",
                toll_events: "{events} حادثة عنف، {deaths} قتيلًا (أفضل تقدير؛ الأدنى {low}، الأعلى {high})، منهم {civilians} مدنيًا. الحوادث ليست سيطرة.",
                no_toll: "لا أرقام للحصيلة محمّلة: لا تحوي قاعدة البيانات حوادث عنف ولا أرقامًا منشورة لهذه الفترة. استورد أحداث UCDP GED أو أرقامًا منشورة لملء هذا القسم.",
                events_method: "حوادث العنف والقتلى كما يعرّفها برنامج UCDP GED: الحادثة استخدامٌ للقوة المسلحة من طرف منظم ضد طرف آخر أو ضد المدنيين أدى إلى قتيل واحد مباشر على الأقل في مكان وتاريخ محددين؛ والقتلى هم القتلى المباشرون، بأفضل تقدير مع الأدنى والأعلى. تُحسب كل حادثة في الشهر الذي بدأت فيه، ولكل من طرفيها (بالأسماء التي يستخدمها UCDP)، وفي محافظتها. المصدر: Uppsala Conflict Data Program (UCDP), Georeferenced Event Dataset (CC BY 4.0): Sundberg, Ralph and Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset, Journal of Peace Research 50(4); Högbladh, Stina (2019) UCDP GED Codebook version 19.1.",
                events_partial: "الحوادث المحمّلة بدأت من {first} إلى {last}: هذه الأعداد للفترة من {a} إلى {b} وحدها، لا للفترة كلها.",
                events_none: "الحوادث المحمّلة بدأت من {first} إلى {last}: لا شيء منها في هذه الفترة.",
                counts_note: "أعداد منشورة عن فترة خاصة بها تتقاطع مع هذه الفترة، كل منها لفترته كاملة كما نُشر (لا يُوزّع على فترة أقصر، ولا يُجمع مع عدد ناشر آخر أو تعريف آخر):",
                totals_note: "مجاميع منشورة منذ بداية النزاع وأعداد أشخاص في يوم معيّن (لاجئون، نازحون)، كل منها بتاريخه وبتعريف ناشره: ما كان مؤرخًا في هذه الفترة، ولكل نوع لا رقم له فيها، آخر رقم قبلها.",
                figure: "الرقم (التعريف)",
                value: "القيمة",
                as_of: "الفترة المشمولة",
                side: "الطرف",
                region: "المنطقة",
                month: "الشهر",
                events: "الحوادث",
                deaths: "القتلى",
                deaths_of_side: "من الطرف نفسه",
                method: "المنهج والمصادر والتراخيص",
                known_at: "كما عُرفت الأدلة في {known_at}.",
                evidence: "مصادر كل رصد: frontline history PLACE.",
                licence: "صُنع باستخدام Frontline (MIT). البيانات: Natural Earth (ملكية عامة)، GeoNames (CC BY 4.0)، ويكيبيديا (CC BY-SA 4.0)، UCDP GED (CC BY 4.0) حين تُحمّل الحوادث، والمصادر التي يذكرها كل رصد.",
            },
        }
    }
}

/// Replaces each `{key}` in `template` by its value.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> BriefBlock {
    BriefBlock::Table(BriefTable {
        header: header.iter().map(|&h| h.to_owned()).collect(),
        rows,
    })
}

/// What the briefing compares: the later date, the earlier one, and how it was chosen.
struct Period<'a> {
    round: Option<&'a Milestone>,
    from: NaiveDate,
    to: NaiveDate,
    compared: String,
}

impl Atlas {
    /// The round of talks (or other milestone) with id `id`.
    ///
    /// # Errors
    /// [`Error::UnknownRound`], listing the ids there are.
    pub fn round(&self, id: &str) -> Result<&Milestone> {
        self.milestones()
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::UnknownRound {
                id: id.to_owned(),
                known: self
                    .milestones()
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The round before `round` in its series (any milestone when it has none).
    fn previous_round(&self, round: &Milestone) -> Option<&Milestone> {
        self.milestones()
            .iter()
            .filter(|m| m.series == round.series && m.start.first_day() < round.start.first_day())
            .max_by_key(|m| m.start.first_day())
    }

    fn brief_period(&self, of: &BriefOf, words: &Words) -> Result<Period<'_>> {
        match of {
            BriefOf::Period { from, to } => Ok(Period {
                round: None,
                from: *from,
                to: *to,
                compared: String::new(),
            }),
            BriefOf::Round { id, since } => {
                let round = self.round(id)?;
                let to = round.start.first_day();
                let (from, compared) = match (since, self.previous_round(round)) {
                    (Some(since), _) => (
                        *since,
                        fill(words.compared_with_since, &[("date", since.to_string())]),
                    ),
                    (None, Some(prev)) => (
                        prev.start.first_day(),
                        fill(
                            words.compared_with_round,
                            &[
                                ("name", prev.name.clone()),
                                ("date", prev.start.first_day().to_string()),
                            ],
                        ),
                    ),
                    (None, None) => {
                        let start = self.conflict().start.min(to);
                        (
                            start,
                            fill(words.compared_with_start, &[("date", start.to_string())]),
                        )
                    }
                };
                Ok(Period {
                    round: Some(round),
                    from,
                    to,
                    compared,
                })
            }
        }
    }

    /// A party's name on `day` in `language` (English without its parenthesis when there is
    /// no Arabic name).
    fn party_name(&self, id: &str, day: NaiveDate, at: At, language: Language) -> String {
        self.known_party_name(id, day, at, language)
            .unwrap_or_else(|| id.to_owned())
    }

    /// A party's name on `day` in `language`, if the data has the party then.
    fn known_party_name(
        &self,
        id: &str,
        day: NaiveDate,
        at: At,
        language: Language,
    ) -> Option<String> {
        let p = self.party_on(&PartyId::new(id).ok()?, day, at.known_at)?;
        Some(match (language, &p.names.ar) {
            (Language::Ar, Some(ar)) => ar.clone(),
            _ => crate::atlas::short_name(&p.names.en),
        })
    }

    fn holding_name(&self, h: &Holding, day: NaiveDate, at: At, language: Language) -> String {
        let names: Vec<String> = h
            .parties
            .iter()
            .map(|p| self.party_name(p, day, at, language))
            .collect();
        match (h.status.as_str(), names.is_empty()) {
            (_, true) => h.status.clone(),
            ("controlled", false) => names.join(" + "),
            (status, false) => format!("{} ({status})", names.join(" + ")),
        }
    }

    fn place_name(&self, change: &PlaceChange, language: Language) -> String {
        match language {
            Language::En => change.name.clone(),
            Language::Ar => self
                .places()
                .iter()
                .find(|p| p.id.as_str() == change.place)
                .map_or_else(
                    || change.name.clone(),
                    |p| p.names.in_language("ar").to_owned(),
                ),
        }
    }

    /// The briefing of `of`, at the record time and method of `at` (whose `on` is ignored),
    /// in `language`: the map at the opening, the change map, then the text.
    ///
    /// # Errors
    /// [`Error::UnknownRound`] for a round that is not in the data; [`Error::Period`] when
    /// the earlier date is after the later; inference errors.
    #[allow(clippy::too_many_lines)]
    pub fn brief_scene(&self, of: &BriefOf, at: At, language: Language) -> Result<BriefScene> {
        let words = Words::of(language);
        let period = self.brief_period(of, &words)?;
        let (from, to) = (period.from, period.to);
        let at = At { on: to, ..at };
        let diff = self.diff(from, to, at)?;
        let opening = self.map_scene(at, language, None, None)?;
        // The same map with the changes of the one diff drawn over it.
        let change = MapScene {
            change: Some(self.change_overlay(&diff, at)?),
            ..opening.clone()
        };
        let dates = [("from", from.to_string()), ("to", to.to_string())];
        let mut sections = Vec::new();

        // The round, and what it is compared with.
        let title = match period.round {
            Some(r) => format!("{}: {}", words.briefing, r.name),
            None => format!("{}: {}", words.briefing, fill(words.period, &dates)),
        };
        let mut round_blocks = Vec::new();
        if let Some(r) = period.round {
            let source = r
                .sources
                .first()
                .map(|s| format!("{}, {}", s.publisher, s.title))
                .unwrap_or_default();
            round_blocks.push(BriefBlock::Paragraph(fill(
                words.from_to,
                &[
                    ("name", r.name.clone()),
                    ("location", r.location.clone().unwrap_or_default()),
                    ("start", r.start.to_string()),
                    ("end", r.end.unwrap_or(r.start).to_string()),
                    ("source", source),
                ],
            )));
            round_blocks.push(BriefBlock::Paragraph(period.compared.clone()));
        } else {
            round_blocks.push(BriefBlock::Paragraph(fill(words.period, &dates)));
        }
        sections.push(BriefSection {
            heading: words.round.to_owned(),
            blocks: round_blocks,
        });

        // Shares at the opening.
        let shares = &diff.after;
        sections.push(BriefSection {
            heading: fill(words.shares, &[("date", to.to_string())]),
            blocks: vec![
                table(
                    &[
                        words.party,
                        words.area_km2,
                        words.area_pct,
                        words.effective_pct,
                        words.people,
                        words.people_pct,
                    ],
                    shares
                        .parties
                        .iter()
                        .map(|k| {
                            let name = match (k.kind, k.parties.first()) {
                                (crate::AreaKind::Party, Some(p)) => {
                                    self.party_name(p, to, at, language)
                                }
                                _ => crate::atlas::short_name(&k.name),
                            };
                            vec![
                                name,
                                format!("{:.0}", k.area_km2),
                                format!("{:.1}", k.area_pct),
                                format!("{:.1}", k.effective_pct),
                                k.population.to_string(),
                                format!("{:.1}", k.population_pct),
                            ]
                        })
                        .collect(),
                ),
                BriefBlock::Paragraph(opening.denominator.clone()),
            ],
        });

        // Every place that changed hands, with its evidence.
        let change_rows = diff
            .places
            .iter()
            .map(|c| {
                let last = c.evidence.last();
                vec![
                    self.place_name(c, language),
                    self.holding_name(&c.before, from, at, language),
                    self.holding_name(&c.after, to, at, language),
                    last.map(|e| e.date.clone()).unwrap_or_default(),
                    last.map(|e| {
                        e.sources
                            .iter()
                            .map(|s| format!("{}: {}", s.publisher, s.title))
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default(),
                ]
            })
            .collect();
        sections.push(BriefSection {
            heading: fill(words.changed, &dates),
            blocks: vec![
                BriefBlock::Paragraph(fill(
                    words.n_changed,
                    &[("n", diff.places.len().to_string())],
                )),
                BriefBlock::Paragraph(fill(
                    words.not_changes,
                    &[
                        ("first", diff.first_reported.len().to_string()),
                        ("gone", diff.no_longer_reported.len().to_string()),
                    ],
                )),
                table(
                    &[
                        words.place,
                        words.before,
                        words.after,
                        words.date,
                        words.source,
                    ],
                    change_rows,
                ),
            ],
        });

        // Reorganisations apart.
        let mut reorganised = Vec::new();
        if diff.reorganised.is_empty() {
            reorganised.push(BriefBlock::Paragraph(words.none.to_owned()));
        } else {
            let mut pairs: Vec<String> = diff
                .reorganised
                .iter()
                .map(|c| {
                    format!(
                        "{} {} {}",
                        self.holding_name(&c.before, from, at, language),
                        words.became,
                        self.holding_name(&c.after, to, at, language)
                    )
                })
                .collect();
            pairs.sort();
            pairs.dedup();
            reorganised.push(BriefBlock::Paragraph(fill(
                words.n_reorganised,
                &[
                    ("n", diff.reorganised.len().to_string()),
                    ("pairs", pairs.join("; ")),
                ],
            )));
            reorganised.push(table(
                &[words.place, words.before, words.after],
                diff.reorganised
                    .iter()
                    .map(|c| {
                        vec![
                            self.place_name(c, language),
                            self.holding_name(&c.before, from, at, language),
                            self.holding_name(&c.after, to, at, language),
                        ]
                    })
                    .collect(),
            ));
        }
        sections.push(BriefSection {
            heading: words.reorganised.to_owned(),
            blocks: reorganised,
        });

        // Net change.
        sections.push(BriefSection {
            heading: fill(words.balance, &dates),
            blocks: vec![table(
                &[words.party, words.area_km2, words.people],
                diff.balance
                    .iter()
                    .filter(|b| b.area_km2.abs() >= 0.5 || b.population != 0)
                    .map(|b| {
                        let name = if b.id.contains(':') || b.id == "unknown" {
                            crate::atlas::short_name(&b.name)
                        } else {
                            self.party_name(&b.id, to, at, language)
                        };
                        vec![
                            name,
                            format!("{:+.0}", b.area_km2),
                            format!("{:+}", b.population),
                        ]
                    })
                    .collect(),
            )],
        });

        sections.push(self.churn_section(to, at, language, &words)?);
        sections.push(self.toll_section(from, to, at, language, &words));

        // Method, sources and licences.
        let mut method = vec![
            BriefBlock::Paragraph(opening.method.clone()),
            BriefBlock::Paragraph(opening.denominator.clone()),
            BriefBlock::Paragraph(fill(
                words.known_at,
                &[(
                    "known_at",
                    at.known_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                )],
            )),
            BriefBlock::Paragraph(words.evidence.to_owned()),
        ];
        method.extend(
            self.conflict()
                .attribution
                .iter()
                .map(|a| BriefBlock::Paragraph(a.clone())),
        );
        method.push(BriefBlock::Paragraph(words.licence.to_owned()));
        sections.push(BriefSection {
            heading: words.method.to_owned(),
            blocks: method,
        });

        let subtitle = match period.round {
            Some(_) => format!("{} — {}", fill(words.period, &dates), period.compared),
            None => fill(words.period, &dates),
        };
        Ok(BriefScene {
            title,
            subtitle,
            language,
            maps: vec![opening, change],
            sections,
        })
    }

    /// Churn in the 12 months to `to`: places that changed hands more than once.
    fn churn_section(
        &self,
        to: NaiveDate,
        at: At,
        language: Language,
        words: &Words,
    ) -> Result<BriefSection> {
        let year_before = to
            .checked_sub_days(Days::new(365))
            .unwrap_or(to)
            .max(self.conflict().start.min(to));
        let churn = self.churn(year_before, to, at)?;
        let people: u64 = churn
            .iter()
            .filter_map(|c| {
                self.places()
                    .iter()
                    .find(|p| p.id.as_str() == c.place)
                    .and_then(|p| p.population.as_ref().map(|x| x.value))
            })
            .sum();
        let km2 = |back_only: bool| -> f64 {
            churn
                .iter()
                .filter(|c| c.back || !back_only)
                .map(|c| c.area_km2)
                .sum()
        };
        let rows: Vec<Vec<String>> = churn
            .iter()
            .map(|c| {
                let name = match language {
                    Language::En => c.name.clone(),
                    Language::Ar => self
                        .places()
                        .iter()
                        .find(|p| p.id.as_str() == c.place)
                        .map_or_else(|| c.name.clone(), |p| p.names.in_language("ar").to_owned()),
                };
                let sequence: Vec<String> = c
                    .sequence
                    .iter()
                    .map(|(d, h)| {
                        let day = crate::parse_day(d).unwrap_or(to);
                        format!("{d} {}", self.holding_name(h, day, at, language))
                    })
                    .collect();
                vec![
                    name,
                    c.changes.to_string(),
                    format!("{:.0}", c.area_km2),
                    sequence.join(" → "),
                    if c.back {
                        words.yes.to_owned()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        let dates = [
            ("from", year_before.to_string()),
            ("to", to.to_string()),
            ("n", churn.len().to_string()),
            ("people", people.to_string()),
            ("km2", format!("{:.0}", km2(false))),
            ("back", churn.iter().filter(|c| c.back).count().to_string()),
            ("back_km2", format!("{:.0}", km2(true))),
        ];
        let mut blocks = vec![BriefBlock::Paragraph(fill(words.churn_summary, &dates))];
        if !rows.is_empty() {
            blocks.push(table(
                &[
                    words.place,
                    words.changes,
                    words.area_km2,
                    words.sequence,
                    words.back,
                ],
                rows,
            ));
        }
        Ok(BriefSection {
            heading: fill(words.churn, &dates),
            blocks,
        })
    }

    /// The toll between the two dates: the events loaded for the period (all, by side,
    /// governorate and month, with UCDP GED's definitions and citation), and the published
    /// figures that speak of it, each with its own dates, publisher and definition; or a
    /// plain statement that none are loaded.
    fn toll_section(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        at: At,
        language: Language,
        words: &Words,
    ) -> BriefSection {
        let dates = [("from", from.to_string()), ("to", to.to_string())];
        let mut blocks = Vec::new();
        if let Some((first, last)) = self.events_span() {
            let span = [("first", first.to_string()), ("last", last.to_string())];
            let (a, b) = (from.max(first), to.min(last));
            if a > b {
                blocks.push(BriefBlock::Paragraph(fill(words.events_none, &span)));
            } else {
                blocks.extend(self.events_blocks(a, b, at, language, words));
                if (a, b) != (from, to) {
                    let mut values = span.to_vec();
                    values.extend([("a", a.to_string()), ("b", b.to_string())]);
                    blocks.push(BriefBlock::Paragraph(fill(words.events_partial, &values)));
                }
            }
        }
        let figures = self.period_figures(from, to);
        for (note, list) in [
            (words.counts_note, &figures.counts),
            (words.totals_note, &figures.totals),
        ] {
            if list.is_empty() {
                continue;
            }
            blocks.push(BriefBlock::Paragraph(note.to_owned()));
            blocks.push(table(
                &[words.figure, words.value, words.as_of, words.source],
                list.iter()
                    .map(|f| {
                        vec![
                            f.described(),
                            format!("{:.0}", f.value),
                            f.period(),
                            format!("{}: {}", f.source.publisher, f.source.title),
                        ]
                    })
                    .collect(),
            ));
        }
        if blocks.is_empty() {
            blocks.push(BriefBlock::Paragraph(words.no_toll.to_owned()));
        }
        BriefSection {
            heading: fill(words.toll, &dates),
            blocks,
        }
    }

    /// The events that began from `from` to `to`: their total, then by side, governorate
    /// and month, with UCDP GED's definitions and citation.
    fn events_blocks(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        at: At,
        language: Language,
        words: &Words,
    ) -> Vec<BriefBlock> {
        let all = self.toll(from, to, None);
        let t = &all.total;
        let mut blocks = vec![
            BriefBlock::Paragraph(fill(
                words.toll_events,
                &[
                    ("events", t.events.to_string()),
                    ("deaths", t.deaths_best.to_string()),
                    ("low", t.deaths_low.to_string()),
                    ("high", t.deaths_high.to_string()),
                    ("civilians", t.deaths_civilians.to_string()),
                ],
            )),
            BriefBlock::Paragraph(words.events_method.to_owned()),
        ];
        for (by, head) in [
            (TollBy::Party, words.side),
            (TollBy::Region, words.region),
            (TollBy::Month, words.month),
        ] {
            let report = self.toll(from, to, Some(by));
            let party = by == TollBy::Party;
            let mut header = vec![head, words.events, words.deaths];
            if party {
                header.push(words.deaths_of_side);
            }
            let rows = report
                .rows
                .iter()
                .map(|r| {
                    // A side that is a built-in party is named as the map names it, with
                    // UCDP's name beside.
                    let group = match r
                        .party
                        .as_ref()
                        .and_then(|id| self.known_party_name(id, to, at, language))
                    {
                        Some(name) => format!("{name} ({})", r.group),
                        None => r.group.clone(),
                    };
                    let mut row = vec![group, r.events.to_string(), r.deaths_best.to_string()];
                    if party {
                        row.push(r.deaths_of_side.unwrap_or(0).to_string());
                    }
                    row
                })
                .collect();
            blocks.push(table(&header, rows));
        }
        blocks
    }
}
