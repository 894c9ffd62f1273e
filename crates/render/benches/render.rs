//! Rendering benchmark (issue 4): the SVG of a synthetic scene with 20,000 places and its A3
//! 300 dpi PNG, against matplotlib drawing the same GeoJSON in the same run.
//!
//! Run with `crates/render/bench/run.sh` (installs matplotlib) or
//! `cargo bench -p frontline-render --bench render`. The scene is synthetic: a made-up country
//! of Syria's size and place density. Not a test: it prints figures and ratios.

#![allow(
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use frontline_render::{
    AreaLayer, Colour, Fill, LegendRow, MapScene, PageSize, PlaceMark, Region, map_svg, svg_to_png,
};
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};

const PLACES: usize = 20_000;
const COLS: usize = 120;
const ROWS: usize = 80;

/// A small deterministic generator (xorshift64*), so every run draws the same scene.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A made-up country outline of Syria's size: a wobbly ring of 720 vertices.
fn boundary() -> Vec<Coord<f64>> {
    let (cx, cy) = (38.9, 35.0);
    let mut ring: Vec<Coord<f64>> = (0..720)
        .map(|i| {
            let t = f64::from(i) / 720.0 * std::f64::consts::TAU;
            let r = 1.0 + 0.08 * (5.0 * t).sin() + 0.04 * (17.0 * t).cos();
            Coord {
                x: cx + 3.2 * r * t.cos(),
                y: cy + 2.3 * r * t.sin(),
            }
        })
        .collect();
    ring.push(ring[0]);
    ring
}

fn inside(ring: &[Coord<f64>], x: f64, y: f64) -> bool {
    let mut odd = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > y) != (b.y > y) && x < a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x) {
            odd = !odd;
        }
    }
    odd
}

const PARTY_COLOURS: [Colour; 5] = [
    Colour::rgb(0xc0, 0x39, 0x2b),
    Colour::rgb(0x2e, 0x8b, 0x57),
    Colour::rgb(0xf1, 0xc4, 0x0f),
    Colour::rgb(0x22, 0x22, 0x22),
    Colour::rgb(0x88, 0x88, 0x88),
];

/// The synthetic scene: grid cells assigned to the nearest of seven party seeds (with a
/// contested band where two seeds are nearly equally near), places log-uniform in population.
fn scene() -> MapScene {
    let ring = boundary();
    let (x0, x1, y0, y1) = (35.5, 42.3, 32.2, 37.6);
    let (dx, dy) = ((x1 - x0) / COLS as f64, (y1 - y0) / ROWS as f64);
    let seeds = [
        (36.5, 33.6, 0),
        (37.2, 36.2, 1),
        (40.5, 36.3, 2),
        (40.2, 34.8, 3),
        (36.8, 35.8, 4),
        (38.3, 33.0, 0),
        (41.5, 36.9, 2),
    ];
    let mut label = vec![None::<(usize, Option<usize>)>; COLS * ROWS];
    for r in 0..ROWS {
        for c in 0..COLS {
            let (x, y) = (x0 + (c as f64 + 0.5) * dx, y0 + (r as f64 + 0.5) * dy);
            if !inside(&ring, x, y) {
                continue;
            }
            let mut d: Vec<(f64, usize)> = seeds
                .iter()
                .map(|&(sx, sy, p)| ((sx - x).hypot(sy - y), p))
                .collect();
            d.sort_by(|a, b| a.0.total_cmp(&b.0));
            let second = d.iter().find(|e| e.1 != d[0].1).map(|e| e.1);
            let contested = d
                .iter()
                .find(|e| e.1 != d[0].1)
                .is_some_and(|e| e.0 - d[0].0 < 0.08);
            label[r * COLS + c] = Some(if d[0].0 > 2.6 {
                (usize::MAX, None)
            } else {
                (d[0].1, if contested { second } else { None })
            });
        }
    }
    let square = |r: usize, c: usize| {
        let (ax, ay) = (x0 + c as f64 * dx, y0 + r as f64 * dy);
        Polygon::new(
            LineString::from(vec![
                (ax, ay),
                (ax + dx, ay),
                (ax + dx, ay + dy),
                (ax, ay + dy),
                (ax, ay),
            ]),
            vec![],
        )
    };
    let mut layers: std::collections::BTreeMap<(usize, Option<usize>), Vec<Polygon<f64>>> =
        Default::default();
    let mut front = Vec::new();
    for r in 0..ROWS {
        for c in 0..COLS {
            let Some(l) = label[r * COLS + c] else {
                continue;
            };
            layers.entry(l).or_default().push(square(r, c));
            let (ax, ay) = (x0 + (c + 1) as f64 * dx, y0 + r as f64 * dy);
            if c + 1 < COLS && label[r * COLS + c + 1].is_some_and(|o| o.0 != l.0) {
                front.push(LineString::from(vec![(ax, ay), (ax, ay + dy)]));
            }
            if r + 1 < ROWS && label[(r + 1) * COLS + c].is_some_and(|o| o.0 != l.0) {
                let (bx, by) = (x0 + c as f64 * dx, y0 + (r + 1) as f64 * dy);
                front.push(LineString::from(vec![(bx, by), (bx + dx, by)]));
            }
        }
    }
    let fill = |l: (usize, Option<usize>)| match l {
        (usize::MAX, _) => Fill::Unknown,
        (p, None) => Fill::Solid(PARTY_COLOURS[p]),
        (p, Some(q)) => Fill::Hatch(PARTY_COLOURS[p], PARTY_COLOURS[q]),
    };
    let areas: Vec<AreaLayer> = layers
        .into_iter()
        .map(|(l, polys)| AreaLayer {
            geometry: MultiPolygon(polys),
            fill: fill(l),
        })
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut places = Vec::with_capacity(PLACES);
    while places.len() < PLACES {
        let (x, y) = (x0 + rng.next() * (x1 - x0), y0 + rng.next() * (y1 - y0));
        if inside(&ring, x, y) {
            let population = 10f64.powf(2.0 + 4.3 * rng.next().powi(3)) as u64;
            places.push(PlaceMark {
                lon: x,
                lat: y,
                label: format!("Place {}", places.len()),
                population: Some(population),
            });
        }
    }
    let regions = (0..14)
        .map(|i| {
            let (c, r) = (i % 7, i / 7);
            let (ax, ay, w, h) = (
                x0 + c as f64 * (x1 - x0) / 7.0,
                y0 + r as f64 * (y1 - y0) / 2.0,
                (x1 - x0) / 7.0,
                (y1 - y0) / 2.0,
            );
            Region {
                name: format!("Region {i}"),
                geometry: MultiPolygon(vec![Polygon::new(
                    LineString::from(vec![
                        (ax, ay),
                        (ax + w, ay),
                        (ax + w, ay + h),
                        (ax, ay + h),
                        (ax, ay),
                    ]),
                    vec![],
                )]),
            }
        })
        .collect();
    let legend = PARTY_COLOURS
        .iter()
        .enumerate()
        .map(|(i, &c)| LegendRow {
            label: format!("Party {i}"),
            fill: Fill::Solid(c),
            area_pct: 15.0,
            population_pct: Some(18.0),
        })
        .chain(std::iter::once(LegendRow {
            label: "Unknown".into(),
            fill: Fill::Unknown,
            area_pct: 25.0,
            population_pct: Some(10.0),
        }))
        .collect();
    MapScene {
        title: "Synthetic benchmark country (20,000 places)".into(),
        as_of: "2020-03-15".into(),
        method: "Method: synthetic grid labelling for the benchmark".into(),
        denominator: "Shares are made up".into(),
        areas,
        front_lines: MultiLineString(front),
        boundary: MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])]),
        regions,
        places,
        legend,
        attribution: vec!["Synthetic benchmark data".into()],
        ..MapScene::default()
    }
}

fn fill_colour(f: Fill) -> (String, Option<String>) {
    match f {
        Fill::Solid(c) => (c.to_string(), None),
        Fill::Hatch(a, b) | Fill::Joint(a, b) => (a.to_string(), Some(b.to_string())),
        Fill::Unknown => ("#e8e5de".into(), None),
    }
}

/// Writes the scene as GeoJSON for the reference tool.
fn write_geojson(scene: &MapScene, path: &Path) {
    use geojson::{Feature, FeatureCollection, Geometry, JsonObject};
    let mut features = Vec::new();
    let feature = |g: Geometry, props: JsonObject| Feature {
        geometry: Some(g),
        properties: Some(props),
        ..Feature::default()
    };
    let mut props = JsonObject::new();
    props.insert("layer".into(), "boundary".into());
    features.push(feature(Geometry::from(&scene.boundary), props));
    for a in &scene.areas {
        let (fill, hatch) = fill_colour(a.fill);
        let mut props = JsonObject::new();
        props.insert("layer".into(), "area".into());
        props.insert("fill".into(), fill.into());
        props.insert(
            "hatch".into(),
            hatch.map_or(serde_json::Value::Null, Into::into),
        );
        features.push(feature(Geometry::from(&a.geometry), props));
    }
    for r in &scene.regions {
        let mut props = JsonObject::new();
        props.insert("layer".into(), "region".into());
        props.insert("name".into(), r.name.clone().into());
        features.push(feature(Geometry::from(&r.geometry), props));
    }
    let mut props = JsonObject::new();
    props.insert("layer".into(), "front".into());
    features.push(feature(Geometry::from(&scene.front_lines), props));
    for p in &scene.places {
        let mut props = JsonObject::new();
        props.insert("layer".into(), "place".into());
        props.insert("label".into(), p.label.clone().into());
        props.insert("population".into(), p.population.unwrap_or(0).into());
        features.push(feature(
            Geometry::from(&geo_types::Point::new(p.lon, p.lat)),
            props,
        ));
    }
    let fc = FeatureCollection {
        features,
        bbox: None,
        foreign_members: None,
    };
    std::fs::write(path, fc.to_string()).expect("geojson written");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            out = Some(f());
            t.elapsed()
        })
        .collect();
    (median(times), out.expect("at least one run"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let scene = scene();
    let vertices: usize = scene.areas.iter().map(|a| a.geometry.0.len() * 5).sum();
    println!(
        "synthetic scene: {} places, {} area layers ({vertices} vertices), {} front segments",
        scene.places.len(),
        scene.areas.len(),
        scene.front_lines.0.len()
    );
    let a3 = PageSize::A3;
    let (svg_time, svg) = time(15, || map_svg(&scene, a3).expect("renders"));
    let labels = svg
        .matches("text-anchor=\"middle\" fill=\"#1a1a1a\" stroke")
        .count();
    println!(
        "svg  A3, 20,000 places: {:8.1} ms median of 15 ({} bytes, {labels} place labels placed)  target < 100 ms",
        ms(svg_time),
        svg.len()
    );
    let (png_time, png) = time(3, || svg_to_png(&svg, a3).expect("rasterises"));
    let (w, h) = a3.size_px();
    println!(
        "png  A3 300 dpi {w}x{h}: {:8.1} ms median of 3 ({} bytes)  target < 1000 ms",
        ms(png_time),
        png.len()
    );
    let total = svg_time + png_time;
    println!("svg+png total:            {:8.1} ms", ms(total));

    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/render-bench");
    std::fs::create_dir_all(&out_dir).expect("bench output dir");
    std::fs::write(out_dir.join("frontline.svg"), &svg).expect("svg written");
    std::fs::write(out_dir.join("frontline.png"), &png).expect("png written");
    let geojson = out_dir.join("scene.geojson");
    write_geojson(&scene, &geojson);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/matplotlib_reference.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let reference = Command::new(&python)
        .arg(&script)
        .arg(&geojson)
        .arg(&out_dir)
        .arg(labels.to_string())
        .output();
    match reference {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            let field = |name: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .and_then(|v| v.trim().parse::<f64>().ok())
            };
            if let (Some(ref_svg), Some(ref_png)) = (field("svg_ms"), field("png_ms")) {
                println!(
                    "matplotlib (same GeoJSON, same run): svg {ref_svg:.1} ms, png {ref_png:.1} ms"
                );
                println!(
                    "ratio svg: {:.1}x faster; png: {:.1}x faster",
                    ref_svg / ms(svg_time),
                    ref_png / ms(png_time)
                );
            } else {
                println!("reference printed no timings: {text}");
            }
        }
        Ok(o) => println!(
            "reference skipped: {} failed: {}",
            script.display(),
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ),
        Err(e) => println!("reference skipped: cannot run {python}: {e}"),
    }
}
