//! Synthetic scenes for the tests. Every place, party and figure here is made up.

use chrono::NaiveDate;
use frontline_render::{
    AreaLayer, ChangeOverlay, ChangeRow, ChartEvent, ChartSeries, ChartSpec, Colour, Fill, Gain,
    Language, LegendRow, MapScene, PlaceMark, Region,
};
use geo_types::{LineString, MultiLineString, MultiPolygon, Polygon};

pub(crate) const RED: Colour = Colour::rgb(0xc0, 0x39, 0x2b);
pub(crate) const YELLOW: Colour = Colour::rgb(0xf1, 0xc4, 0x0f);
pub(crate) const GREEN: Colour = Colour::rgb(0x2e, 0x8b, 0x57);

fn polygon(coords: &[(f64, f64)]) -> MultiPolygon<f64> {
    MultiPolygon(vec![Polygon::new(
        LineString::from(coords.to_vec()),
        vec![],
    )])
}

/// A made-up country roughly the size of Syria.
pub(crate) fn synthetic_boundary() -> MultiPolygon<f64> {
    polygon(&[
        (36.0, 32.5),
        (39.0, 32.3),
        (42.2, 34.5),
        (42.0, 37.2),
        (38.0, 36.9),
        (35.8, 36.0),
        (36.0, 32.5),
    ])
}

fn synthetic_places() -> Vec<PlaceMark> {
    let p = |lon, lat, label: &str, population| PlaceMark {
        lon,
        lat,
        label: label.into(),
        population,
    };
    vec![
        p(36.3, 33.5, "Westhaven", Some(2_000_000)),
        p(37.1, 36.2, "Northgate", Some(1_800_000)),
        p(36.7, 34.7, "Midford", Some(650_000)),
        p(40.1, 35.3, "Rivermouth", Some(210_000)),
        p(41.2, 36.6, "Eastbrook", Some(90_000)),
        p(38.9, 35.9, "Tall <Abyad> & \"Ras\" 'al-Ayn'", Some(40_000)),
        p(36.9, 33.9, "Hilltop", Some(4_000)),
        p(36.95, 33.95, "Hillside", Some(3_000)),
        p(37.0, 33.9, "Hillfoot", None),
        p(39.5, 33.4, "Oasis", Some(800)),
    ]
}

/// A synthetic map: two parties, a contested strip, unknown desert, a front line and regions.
pub(crate) fn synthetic_scene() -> MapScene {
    MapScene {
        title: "Synthetic test country: territorial control".into(),
        as_of: "2020-03-15".into(),
        method: "Method: nearest place, cap 35 km, contested band 7 km (synthetic test data)".into(),
        denominator: "Shares of 185,000 km² (geodesic area of the whole boundary); population: 2020 estimates".into(),
        areas: vec![
            AreaLayer { geometry: polygon(&[(36.0, 32.5), (38.0, 32.4), (38.0, 36.9), (35.8, 36.0), (36.0, 32.5)]), fill: Fill::Solid(RED) },
            AreaLayer { geometry: polygon(&[(38.6, 35.0), (42.1, 35.0), (42.0, 37.2), (38.6, 37.0), (38.6, 35.0)]), fill: Fill::Solid(YELLOW) },
            AreaLayer { geometry: polygon(&[(38.0, 34.2), (38.6, 34.2), (38.6, 37.0), (38.0, 36.9), (38.0, 34.2)]), fill: Fill::Hatch(RED, YELLOW) },
        ],
        front_lines: MultiLineString(vec![LineString::from(vec![(38.0, 34.2), (38.0, 36.9)]), LineString::from(vec![(38.6, 35.0), (38.6, 37.0)])]),
        boundary: synthetic_boundary(),
        regions: vec![
            Region { name: "West Province".into(), geometry: polygon(&[(36.0, 32.5), (39.0, 32.3), (39.0, 36.95), (38.0, 36.9), (35.8, 36.0), (36.0, 32.5)]) },
            Region { name: "East Province".into(), geometry: polygon(&[(39.0, 32.3), (42.2, 34.5), (42.0, 37.2), (39.0, 36.95), (39.0, 32.3)]) },
        ],
        places: synthetic_places(),
        legend: vec![
            LegendRow { label: "Red Party".into(), fill: Fill::Solid(RED), area_pct: 38.2, population_pct: Some(71.5) },
            LegendRow { label: "Yellow Party".into(), fill: Fill::Solid(YELLOW), area_pct: 24.9, population_pct: Some(20.1) },
            LegendRow { label: "Contested: Red / Yellow".into(), fill: Fill::Hatch(RED, YELLOW), area_pct: 6.4, population_pct: Some(2.0) },
            LegendRow { label: "Unknown".into(), fill: Fill::Unknown, area_pct: 30.5, population_pct: Some(6.4) },
        ],
        attribution: vec![
            "Boundary and places: synthetic test data, made up for this test".into(),
            "Observations: synthetic test data".into(),
        ],
        language: Language::En,
        change: None,
        events: vec![],
        presence: vec![],
    }
}

/// The synthetic scene with changes since an earlier date.
pub(crate) fn synthetic_change_scene() -> MapScene {
    let rows = (0..40)
        .map(|i| ChangeRow {
            place: format!("Village {i}"),
            from: "Yellow Party".into(),
            to: "Red Party".into(),
            date: "2020-03-01".into(),
            source: "Synthetic Gazette, a source whose name is far too long for its column".into(),
        })
        .collect();
    MapScene {
        change: Some(ChangeOverlay {
            since: "2019-12-31".into(),
            gains: vec![Gain {
                geometry: polygon(&[
                    (38.0, 33.0),
                    (38.9, 33.0),
                    (38.9, 34.0),
                    (38.0, 34.0),
                    (38.0, 33.0),
                ]),
                gainer: RED,
                loser: YELLOW,
            }],
            rows,
        }),
        ..synthetic_scene()
    }
}

/// The same country held whole by one party.
pub(crate) fn single_party_scene() -> MapScene {
    MapScene {
        areas: vec![AreaLayer {
            geometry: synthetic_boundary(),
            fill: Fill::Solid(GREEN),
        }],
        front_lines: MultiLineString(vec![]),
        legend: vec![LegendRow {
            label: "Green Party".into(),
            fill: Fill::Solid(GREEN),
            area_pct: 100.0,
            population_pct: Some(100.0),
        }],
        ..synthetic_scene()
    }
}

/// The same country where nothing is known.
pub(crate) fn all_unknown_scene() -> MapScene {
    MapScene {
        areas: vec![],
        front_lines: MultiLineString(vec![]),
        legend: vec![LegendRow {
            label: "Unknown".into(),
            fill: Fill::Unknown,
            area_pct: 100.0,
            population_pct: Some(100.0),
        }],
        ..synthetic_scene()
    }
}

/// The synthetic scene with Arabic labels and fixed words.
pub(crate) fn arabic_scene() -> MapScene {
    let names = [
        "حلب",
        "دمشق",
        "حمص",
        "دير الزور",
        "القامشلي",
        "تل أبيض",
        "قرية",
        "قرية ثانية",
        "بلدة",
        "واحة",
    ];
    let mut scene = synthetic_scene();
    for (p, n) in scene.places.iter_mut().zip(names) {
        p.label = n.into();
    }
    scene.language = Language::Ar;
    scene.title = "بلد تجريبي: السيطرة على الأرض".into();
    scene
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A synthetic chart over five years with two events.
pub(crate) fn synthetic_chart(population: bool) -> ChartSpec {
    let series = |label: &str, colour, f: fn(f64) -> f64| ChartSeries {
        label: label.into(),
        colour,
        points: (0..60)
            .map(|m| {
                let d = day(2015 + m / 12, u32::try_from(m % 12).expect("month") + 1, 1);
                (d, f(f64::from(m)))
            })
            .collect(),
    };
    let area = vec![
        series("Red Party", RED, |m| 20.0 + m * 0.6),
        series("Yellow Party", YELLOW, |m| 25.0 - m * 0.1),
        series("Green Party", GREEN, |m| 30.0 - m * 0.3),
    ];
    ChartSpec {
        title: "Synthetic test country: share of territory".into(),
        method: "Method: nearest place, cap 35 km (synthetic test data)".into(),
        population: population.then(|| {
            area.iter()
                .map(|s| ChartSeries {
                    points: s.points.iter().map(|&(d, v)| (d, v * 1.2)).collect(),
                    ..s.clone()
                })
                .collect()
        }),
        area,
        events: vec![
            ChartEvent {
                date: day(2016, 2, 1),
                label: "Talks, round 1".into(),
            },
            ChartEvent {
                date: day(2016, 4, 1),
                label: "Talks, round 2".into(),
            },
            ChartEvent {
                date: day(2018, 7, 1),
                label: "Ceasefire <A&B>".into(),
            },
        ],
        attribution: vec!["Synthetic test data".into()],
        language: Language::En,
    }
}
