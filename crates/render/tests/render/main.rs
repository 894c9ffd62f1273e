//! Integration tests of the render crate, on synthetic scenes.

mod brief;
mod fixtures;

use std::path::{Path, PathBuf};

use frontline_render::{
    ChartSpec, LegendRow, MapScene, OutputFormat, PageSize, RenderError, chart_svg, encode,
    font_covers, map_svg, svg_to_pdf, svg_to_png,
};

fn small_page() -> PageSize {
    PageSize::pixels(900, 636).expect("valid page")
}

fn svg(scene: &MapScene) -> String {
    map_svg(scene, small_page()).expect("synthetic scene renders")
}

/// Decodes a PNG into (width, height, RGBA bytes).
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a png frame");
    buf.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgba);
    (info.width, info.height, buf)
}

fn reference(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference")
        .join(name)
}

/// Compares a PNG to a committed reference: at most 0.5% of pixels may differ by more than
/// 24 in any channel. `FRONTLINE_BLESS=1` rewrites the reference instead; CI never sets it.
fn assert_matches_reference(png_bytes: &[u8], name: &str) {
    let path = reference(name);
    if std::env::var_os("FRONTLINE_BLESS").is_some_and(|v| v == "1") {
        assert!(
            std::env::var_os("CI").is_none(),
            "references are never re-blessed in CI"
        );
        std::fs::write(&path, png_bytes).expect("reference written");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "reference {} missing ({e}); bless with FRONTLINE_BLESS=1",
            path.display()
        )
    });
    let (w, h, got) = decode(png_bytes);
    let (ew, eh, want) = decode(&expected);
    assert_eq!((w, h), (ew, eh), "size differs from the reference");
    let differing = got
        .chunks_exact(4)
        .zip(want.chunks_exact(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    let allowed = (w * h) as usize / 200;
    assert!(
        differing <= allowed,
        "{differing} pixels differ from {name}, at most {allowed} may"
    );
}

/// Counts dark pixels (ink) inside a rectangle of a decoded image.
fn ink(rgba: &[u8], width: u32, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let i = ((y * width + x) * 4) as usize;
            if u32::from(rgba[i]) + u32::from(rgba[i + 1]) + u32::from(rgba[i + 2]) < 3 * 128 {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn synthetic_map_svg_matches_its_snapshot() {
    insta::assert_snapshot!("synthetic_map", svg(&fixtures::synthetic_scene()));
}

#[test]
fn synthetic_change_map_svg_matches_its_snapshot() {
    insta::assert_snapshot!(
        "synthetic_change_map",
        svg(&fixtures::synthetic_change_scene())
    );
}

#[test]
fn synthetic_chart_svg_matches_its_snapshot() {
    let chart = chart_svg(&fixtures::synthetic_chart(true), small_page()).expect("chart renders");
    insta::assert_snapshot!("synthetic_chart", chart);
}

#[test]
fn synthetic_map_png_matches_the_committed_reference() {
    let page = PageSize::pixels(450, 318).expect("valid page");
    let svg = map_svg(&fixtures::synthetic_scene(), page).expect("renders");
    let png = svg_to_png(&svg, page).expect("rasterises");
    assert_matches_reference(&png, "synthetic_map.png");
}

#[test]
fn labels_with_markup_characters_are_escaped_and_still_parse() {
    let out = svg(&fixtures::synthetic_scene());
    assert!(out.contains("Tall &lt;Abyad&gt; &amp; &quot;Ras&quot; &apos;al-Ayn&apos;"));
    assert!(!out.contains("<Abyad"));
    let chart = chart_svg(&fixtures::synthetic_chart(false), small_page()).expect("chart renders");
    assert!(chart.contains("Ceasefire &lt;A&amp;B&gt;"));
    svg_to_png(&out, small_page()).expect("escaped svg parses and rasterises");
}

#[test]
fn arabic_labels_are_marked_right_to_left_and_the_font_has_their_glyphs() {
    let scene = fixtures::arabic_scene();
    let out = svg(&scene);
    let line = out
        .lines()
        .find(|l| l.contains(">حلب</text>"))
        .expect("the Arabic label is drawn");
    assert!(
        line.contains("direction=\"rtl\""),
        "Arabic label set right-to-left: {line}"
    );
    for p in &scene.places {
        assert!(
            font_covers(&p.label),
            "embedded font lacks a glyph of {}",
            p.label
        );
    }
    assert!(font_covers(&scene.title));
    // The date is its own left-to-right element left of the Arabic title, so no renderer can
    // reorder its digits.
    let date = out
        .find(">2020-03-15</text>")
        .expect("the date is drawn alone");
    let title = out
        .find(">بلد تجريبي: السيطرة على الأرض — بتاريخ</text>")
        .expect("the title is drawn");
    assert!(date < title);
}

/// The x of the first `<text>` or `<rect>` line containing `needle`, and the line.
fn x_of<'a>(svg: &'a str, needle: &str) -> (f64, &'a str) {
    let line = svg
        .lines()
        .find(|l| l.contains(needle) && l.contains(" x=\""))
        .unwrap_or_else(|| panic!("{needle:?} is drawn"));
    let x = line
        .split("x=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("an x in {line}"));
    (x, line)
}

/// An Arabic page reads from the right: the title ends at the right margin, the panel (its
/// legend) stands left of the map frame, and its swatches sit right of their labels. An
/// English page is the other way round.
#[test]
fn an_arabic_page_is_laid_out_from_the_right() {
    let frame = "fill=\"none\" stroke=\"#222222\" stroke-width";
    let (en, ar) = (
        svg(&fixtures::synthetic_scene()),
        svg(&fixtures::arabic_scene()),
    );
    let (en_frame, _) = x_of(&en, frame);
    let (ar_frame, _) = x_of(&ar, frame);
    let (en_legend, _) = x_of(&en, ">Control</text>");
    let (ar_legend, line) = x_of(&ar, ">السيطرة</text>");
    assert!(
        en_legend > en_frame,
        "English: the legend right of the frame"
    );
    assert!(
        ar_legend < ar_frame,
        "Arabic: the legend left of the frame: {line}"
    );
    // The title's last word in reading order ends near the right edge of the 900 px page.
    let (title, line) = x_of(&ar, ">بلد تجريبي: السيطرة على الأرض — بتاريخ</text>");
    assert!(
        title > 600.0,
        "the Arabic title is set from the right: {line}"
    );
    let (date, _) = x_of(&ar, ">2020-03-15</text>");
    assert!(date < title, "the date ends the line, at its left");
}

#[test]
fn arabic_label_rasterises_to_glyph_ink_not_empty_boxes() {
    // One place, the label alone: the raster with the label has ink where the label is.
    let page = PageSize::pixels(900, 636).expect("valid page");
    let with_label = |label: &str| {
        let mut scene = fixtures::all_unknown_scene();
        scene.places = vec![frontline_render::PlaceMark {
            lon: 37.0,
            lat: 34.5,
            label: label.into(),
            population: Some(2_000_000),
        }];
        let svg = map_svg(&scene, page).expect("renders");
        decode(&svg_to_png(&svg, page).expect("rasterises"))
    };
    let (w, _, arabic) = with_label("دير الزور");
    let (_, _, blank) = with_label("");
    let differing = arabic
        .chunks_exact(4)
        .zip(blank.chunks_exact(4))
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        differing > 150,
        "the Arabic label left ink ({differing} pixels)"
    );
    let (ink_arabic, ink_blank) = (
        ink(&arabic, w, (0, 0, w, 636)),
        ink(&blank, w, (0, 0, w, 636)),
    );
    assert!(
        ink_arabic > ink_blank + 20,
        "dark glyph ink: {ink_arabic} vs {ink_blank} without the label"
    );
}

#[test]
fn single_party_map_renders_with_a_full_legend() {
    let scene = fixtures::single_party_scene();
    let out = svg(&scene);
    assert!(out.contains(">Green Party</text>"));
    assert!(out.contains(">100.0</text>"));
    svg_to_png(&out, small_page()).expect("rasterises");
}

#[test]
fn all_unknown_map_renders_with_the_unknown_row_and_an_empty_legend_says_so() {
    let scene = fixtures::all_unknown_scene();
    let out = svg(&scene);
    assert!(out.contains(">Unknown</text>"));
    assert!(
        out.contains("fill=\"#e8e5de\""),
        "unknown land in the neutral tone"
    );
    let empty = MapScene {
        legend: Vec::<LegendRow>::new(),
        ..scene
    };
    assert!(svg(&empty).contains("No party holds land on this map"));
}

#[test]
fn contested_areas_are_striped_with_both_colours() {
    let out = svg(&fixtures::synthetic_scene());
    assert!(out.contains("<pattern id=\"hatch-c0392b-f1c40f\""));
    assert!(out.contains("fill=\"url(#hatch-c0392b-f1c40f)\""));
    assert!(out.contains("fill=\"#c0392b\"") && out.contains("fill=\"#f1c40f\""));
}

#[test]
fn map_carries_title_date_method_denominator_scale_and_every_source() {
    let scene = fixtures::synthetic_scene();
    let out = svg(&scene);
    assert!(
        out.contains(
            "<title>Synthetic test country: territorial control — as of 2020-03-15</title>"
        )
    );
    assert!(out.contains(">Synthetic test country: territorial control — as of 2020-03-15</text>"));
    assert!(out.contains(&scene.method));
    assert!(out.contains(&scene.denominator));
    assert!(out.contains(" km</text>"), "scale bar labelled in km");
    for line in &scene.attribution {
        assert!(out.contains(line.as_str()), "attribution {line} missing");
    }
}

#[test]
fn change_map_hatches_gains_and_fits_the_table_to_the_page() {
    let out = svg(&fixtures::synthetic_change_scene());
    assert!(out.contains("fill=\"url(#gain-c0392b-f1c40f)\""));
    assert!(out.contains("Changed hands since 2019-12-31"));
    assert!(out.contains(">Village 0</text>"));
    assert!(
        !out.contains(">Village 39</text>"),
        "rows that do not fit are left out"
    );
    assert!(
        out.contains("… and 5 more (frontline diff lists them all)</text>"),
        "and the table says how many"
    );
    assert!(
        out.contains("…</text>"),
        "long cells are cut with an ellipsis"
    );
}

/// Issue 17: the change table cut party names ("Syrian opp…") and its gains were stripes
/// that read like contested land.
#[test]
fn regression_change_table_wraps_names_and_gains_are_not_stripes() {
    let mut scene = fixtures::synthetic_change_scene();
    let change = scene.change.as_mut().expect("a change overlay");
    change.rows[0].from = "Syrian opposition".into();
    change.rows[0].to = "Syrian Democratic Forces".into();
    let out = map_svg(&scene, PageSize::A4).expect("renders");
    for line in [">Syrian</text>", ">opposition</text>", ">Forces</text>"] {
        assert!(
            out.contains(line),
            "{line} ends a line: the name wraps, whole"
        );
    }
    assert!(!out.contains("Syrian opp…") && !out.contains("Syrian Democratic…"));
    let gain = &out[out.find("<pattern id=\"gain-").expect("a gain pattern")..];
    let gain = &gain[..gain.find("</pattern>").expect("closed")];
    let contested = &out[out
        .find("<pattern id=\"hatch-")
        .expect("a contested pattern")..];
    assert!(contested.starts_with("<pattern") && contested.contains("rotate(45)"));
    assert!(
        !gain.contains("rotate("),
        "gains are squares, not stripes: {gain}"
    );
    assert_eq!(
        gain.matches("<rect").count(),
        3,
        "ground and two squares: {gain}"
    );
}

#[test]
fn larger_places_win_label_space() {
    let out = svg(&fixtures::synthetic_scene());
    // Hilltop, Hillside and Hillfoot sit within a few pixels: the largest gets its label.
    assert!(out.contains(">Hilltop</text>"));
    assert!(!out.contains(">Hillfoot</text>"));
}

#[test]
fn pdf_output_is_a_pdf_with_embedded_fonts() {
    let svg = map_svg(&fixtures::synthetic_scene(), PageSize::A4).expect("renders");
    let pdf = svg_to_pdf(&svg, PageSize::A4).expect("converts");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("FontFile2"), "font program embedded");
    // A4 landscape in points: 841.9 x 595.3.
    assert!(
        text.contains("/MediaBox [0 0 841.8") || text.contains("/MediaBox [0 0 841.9"),
        "A4 landscape media box"
    );
}

#[test]
fn output_format_follows_the_file_extension() {
    assert_eq!(
        OutputFormat::from_path(Path::new("m.svg")).ok(),
        Some(OutputFormat::Svg)
    );
    assert_eq!(
        OutputFormat::from_path(Path::new("m.PNG")).ok(),
        Some(OutputFormat::Png)
    );
    assert_eq!(
        OutputFormat::from_path(Path::new("a/b.pdf")).ok(),
        Some(OutputFormat::Pdf)
    );
    assert!(matches!(
        OutputFormat::from_path(Path::new("m.jpg")),
        Err(RenderError::UnknownFormat { .. })
    ));
    let svg = svg(&fixtures::synthetic_scene());
    let png = encode(&svg, OutputFormat::Png, small_page()).expect("encodes");
    assert_eq!(decode(&png).0, 900);
}

#[test]
fn a_scene_without_coordinates_is_an_error_naming_it() {
    let err = map_svg(
        &MapScene {
            title: "Empty".into(),
            ..MapScene::default()
        },
        small_page(),
    )
    .expect_err("nothing to draw");
    assert!(matches!(err, RenderError::NothingToDraw { ref title } if title == "Empty"));
}

#[test]
fn a_chart_without_values_is_an_error_and_one_with_population_has_two_panels() {
    let err = chart_svg(
        &ChartSpec {
            title: "Empty".into(),
            ..ChartSpec::default()
        },
        small_page(),
    )
    .expect_err("empty");
    assert!(matches!(err, RenderError::EmptyChart { .. }));
    let two = chart_svg(&fixtures::synthetic_chart(true), small_page()).expect("renders");
    assert!(two.contains("Share of area, %") && two.contains("Share of population, %"));
    let one = chart_svg(&fixtures::synthetic_chart(false), small_page()).expect("renders");
    assert!(!one.contains("Share of population, %"));
    assert!(one.contains("Talks, round 2"));
}

#[test]
#[ignore = "writes sample outputs to $FRONTLINE_RENDER_SAMPLES for a person to look at"]
fn write_samples_for_review() {
    let dir = PathBuf::from(
        std::env::var("FRONTLINE_RENDER_SAMPLES").unwrap_or_else(|_| "/tmp/render-samples".into()),
    );
    std::fs::create_dir_all(&dir).expect("sample dir");
    let page = PageSize::pixels(1754, 1240).expect("valid page");
    for (name, scene) in [
        ("map", fixtures::synthetic_scene()),
        ("change", fixtures::synthetic_change_scene()),
        ("arabic", fixtures::arabic_scene()),
        ("single", fixtures::single_party_scene()),
        ("unknown", fixtures::all_unknown_scene()),
    ] {
        let svg = map_svg(&scene, page).expect("renders");
        std::fs::write(dir.join(format!("{name}.svg")), &svg).expect("write");
        std::fs::write(
            dir.join(format!("{name}.png")),
            svg_to_png(&svg, page).expect("png"),
        )
        .expect("write");
    }
    let chart = chart_svg(&fixtures::synthetic_chart(true), page).expect("renders");
    std::fs::write(
        dir.join("chart.png"),
        svg_to_png(&chart, page).expect("png"),
    )
    .expect("write");
    let a4 = map_svg(&fixtures::synthetic_change_scene(), PageSize::A4).expect("renders");
    std::fs::write(
        dir.join("map.pdf"),
        svg_to_pdf(&a4, PageSize::A4).expect("pdf"),
    )
    .expect("write");
}

#[test]
fn stripes_stay_visible_in_greyscale_when_both_colours_are_equally_light() {
    // Two colours of almost the same luminance: colour alone would vanish in greyscale.
    let a = frontline_render::Colour::from_hex("#d0463c").expect("colour");
    let b = frontline_render::Colour::from_hex("#5f7fd9").expect("colour");
    assert!((a.luminance() - b.luminance()).abs() < 0.05);
    let boundary = fixtures::synthetic_boundary();
    let scene = MapScene {
        areas: vec![frontline_render::AreaLayer {
            geometry: boundary,
            fill: frontline_render::Fill::Hatch(a, b),
        }],
        places: vec![],
        regions: vec![],
        front_lines: geo_types::MultiLineString(vec![]),
        ..fixtures::synthetic_scene()
    };
    let page = small_page();
    let (w, _, rgba) =
        decode(&svg_to_png(&map_svg(&scene, page).expect("renders"), page).expect("png"));
    // A 60 x 60 patch in the middle of the country, in greyscale.
    let grey: Vec<f64> = (260..320)
        .flat_map(|y| (220..280).map(move |x| (x, y)))
        .map(|(x, y)| {
            let i = ((y * w + x) * 4) as usize;
            0.299 * f64::from(rgba[i])
                + 0.587 * f64::from(rgba[i + 1])
                + 0.114 * f64::from(rgba[i + 2])
        })
        .collect();
    let mean = grey.iter().sum::<f64>() / grey.len() as f64;
    let spread = (grey.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / grey.len() as f64).sqrt();
    assert!(
        spread > 20.0,
        "stripes are visible in greyscale (grey standard deviation {spread:.1})"
    );
}

#[test]
fn arabic_map_converts_to_pdf() {
    let page = small_page();
    let svg = map_svg(&fixtures::arabic_scene(), page).expect("renders");
    let pdf = svg_to_pdf(&svg, page).expect("converts");
    assert!(pdf.starts_with(b"%PDF-"));
    // A pixel page is taken at 300 dpi: 900 px = 3 in = 216 pt.
    assert!(String::from_utf8_lossy(&pdf).contains("/MediaBox [0 0 216 152.6"));
}

#[test]
fn places_without_a_label_get_a_dot_and_no_empty_text() {
    let mut scene = fixtures::synthetic_scene();
    for p in &mut scene.places {
        p.label.clear();
    }
    let out = svg(&scene);
    assert!(!out.contains("></text>"));
}

#[test]
fn an_overlong_title_is_set_smaller_to_fit_the_page() {
    let long = MapScene {
        title: "A very long synthetic title ".repeat(4),
        ..fixtures::synthetic_scene()
    };
    let out = svg(&long);
    let line = out
        .lines()
        .find(|l| l.contains("A very long") && l.starts_with("<text"))
        .expect("title drawn");
    let normal = svg(&fixtures::synthetic_scene());
    let normal_line = normal
        .lines()
        .find(|l| l.contains("territorial control —") && l.starts_with("<text"))
        .expect("title drawn");
    let size = |l: &str| -> f64 {
        let start = l.find("font-size=\"").expect("sized") + 11;
        l[start..]
            .split('"')
            .next()
            .expect("value")
            .parse()
            .expect("number")
    };
    assert!(size(line) < size(normal_line));
}

#[test]
fn many_sources_are_all_attributed_on_wrapped_lines() {
    let attribution: Vec<String> = (0..30)
        .map(|i| format!("Synthetic source number {i}"))
        .collect();
    let scene = MapScene {
        attribution: attribution.clone(),
        ..fixtures::synthetic_scene()
    };
    let out = svg(&scene);
    for source in &attribution {
        assert!(
            out.contains(&format!("{source};")) || out.contains(&format!("{source}</text>")),
            "{source} attributed"
        );
    }
    svg_to_png(&out, small_page()).expect("rasterises");
}

#[test]
fn a_chart_converts_to_png_and_pdf() {
    let page = small_page();
    let chart = chart_svg(&fixtures::synthetic_chart(true), page).expect("renders");
    assert_eq!(
        decode(&encode(&chart, OutputFormat::Png, page).expect("png")).0,
        900
    );
    assert!(
        encode(&chart, OutputFormat::Pdf, page)
            .expect("pdf")
            .starts_with(b"%PDF-")
    );
}

#[test]
fn language_codes_parse_and_unknown_ones_are_named() {
    assert_eq!(
        "AR".parse::<frontline_render::Language>().ok(),
        Some(frontline_render::Language::Ar)
    );
    assert_eq!(
        "en".parse::<frontline_render::Language>().ok(),
        Some(frontline_render::Language::En)
    );
    let err = "ku"
        .parse::<frontline_render::Language>()
        .expect_err("not supported");
    assert!(err.to_string().contains("\"ku\""));
}

#[test]
fn render_map_gives_the_bytes_of_each_format() {
    let scene = fixtures::single_party_scene();
    let page = small_page();
    for (name, magic) in [
        ("m.svg", &b"<svg"[..]),
        ("m.png", &b"\x89PNG"[..]),
        ("m.pdf", &b"%PDF"[..]),
    ] {
        let format = OutputFormat::from_path(Path::new(name)).expect("known extension");
        let bytes = frontline_render::render_map(&scene, page, format).expect("renders");
        assert!(bytes.starts_with(magic), "{name}");
    }
    let chart =
        frontline_render::render_chart(&fixtures::synthetic_chart(false), page, OutputFormat::Svg)
            .expect("renders");
    assert!(chart.starts_with(b"<svg"));
}

#[test]
fn joint_control_is_striped_differently_from_contested_land() {
    let mut scene = fixtures::synthetic_scene();
    scene.areas[2].fill = frontline_render::Fill::Joint(fixtures::RED, fixtures::YELLOW);
    scene.legend[2] = frontline_render::LegendRow {
        label: "Joint: Red / Yellow".into(),
        fill: frontline_render::Fill::Joint(fixtures::RED, fixtures::YELLOW),
        area_pct: 6.4,
        population_pct: Some(2.0),
    };
    let out = svg(&scene);
    assert!(out.contains("<pattern id=\"joint-c0392b-f1c40f\""));
    assert!(out.contains("patternTransform=\"rotate(0)\""));
    assert!(
        !out.contains("<pattern id=\"hatch-"),
        "no contested pattern when nothing is contested"
    );
}

/// Reads the built-in Syria data (boundary, governorates, places) into a scene where all land
/// is unknown: real geometry and real place density for a person to judge the layout.
fn syria_scene(language: frontline_render::Language) -> Option<MapScene> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/syria");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let polygons = |text: &str| -> Vec<(String, geo_types::MultiPolygon<f64>)> {
        let features = match text.parse::<geojson::GeoJson>().expect("valid GeoJSON") {
            geojson::GeoJson::FeatureCollection(fc) => fc.features,
            geojson::GeoJson::Feature(f) => vec![f],
            geojson::GeoJson::Geometry(g) => vec![geojson::Feature::from(g)],
        };
        features
            .into_iter()
            .filter_map(|f| {
                let name = f
                    .property(if language == frontline_render::Language::Ar {
                        "name_ar"
                    } else {
                        "name"
                    })
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_owned();
                let geometry: geo_types::Geometry<f64> = f.geometry?.try_into().ok()?;
                match geometry {
                    geo_types::Geometry::Polygon(p) => {
                        Some((name, geo_types::MultiPolygon(vec![p])))
                    }
                    geo_types::Geometry::MultiPolygon(m) => Some((name, m)),
                    _ => None,
                }
            })
            .collect()
    };
    let boundary = polygons(&read("boundary.geojson")?).into_iter().next()?.1;
    let regions = polygons(&read("regions.geojson")?)
        .into_iter()
        .map(|(name, geometry)| frontline_render::Region { name, geometry })
        .collect();
    let mut places = Vec::new();
    let mut reader = csv::Reader::from_path(dir.join("places.csv")).ok()?;
    for row in reader.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row.ok()?;
        let label = if language == frontline_render::Language::Ar {
            &row["name_ar"]
        } else {
            &row["name"]
        };
        places.push(frontline_render::PlaceMark {
            lon: row["lon"].parse().ok()?,
            lat: row["lat"].parse().ok()?,
            label: label.clone(),
            population: row["population"].parse().ok(),
        });
    }
    Some(MapScene {
        title: "Syria (built-in data, all land unknown: a layout check)".into(),
        boundary,
        regions,
        places,
        language,
        legend: vec![frontline_render::LegendRow { label: "Unknown".into(), fill: frontline_render::Fill::Unknown, area_pct: 100.0, population_pct: None }],
        attribution: vec!["Boundary, governorates and places: the project's built-in Syria data set (data/SOURCES.md)".into()],
        areas: vec![],
        front_lines: geo_types::MultiLineString(vec![]),
        ..fixtures::synthetic_scene()
    })
}

#[test]
#[ignore = "writes Syria layout samples to $FRONTLINE_RENDER_SAMPLES for a person to look at"]
fn write_syria_samples_for_review() {
    let dir = PathBuf::from(
        std::env::var("FRONTLINE_RENDER_SAMPLES").unwrap_or_else(|_| "/tmp/render-samples".into()),
    );
    std::fs::create_dir_all(&dir).expect("sample dir");
    for (name, language) in [
        ("syria-en", frontline_render::Language::En),
        ("syria-ar", frontline_render::Language::Ar),
    ] {
        let Some(scene) = syria_scene(language) else {
            eprintln!("skipped: data/syria not found");
            return;
        };
        let page = PageSize::A4;
        let svg = map_svg(&scene, page).expect("renders");
        std::fs::write(
            dir.join(format!("{name}.png")),
            svg_to_png(&svg, page).expect("png"),
        )
        .expect("write");
    }
}

#[test]
fn crowded_events_keep_their_lines_and_drop_labels_that_do_not_fit() {
    let mut spec = fixtures::synthetic_chart(false);
    spec.events = (0..40)
        .map(|i| frontline_render::ChartEvent {
            date: chrono::NaiveDate::from_ymd_opt(
                2015 + i / 12,
                u32::try_from(i % 12).expect("month") + 1,
                15,
            )
            .expect("date"),
            label: format!("Synthetic round of talks {i}"),
        })
        .collect();
    let out = chart_svg(&spec, small_page()).expect("renders");
    let lines = out.matches("stroke=\"#333333\" stroke-width").count();
    let labels = out.matches(">Synthetic round of talks").count();
    assert_eq!(lines, 40, "every event keeps its line");
    assert!(labels > 3 && labels < 40, "{labels} labels fit");
    // No event label is drawn above the title block.
    for l in out
        .lines()
        .filter(|l| l.contains(">Synthetic round of talks"))
    {
        let y: f64 = l
            .split("y=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .expect("y");
        assert!(y > 70.0, "event label at y {y} runs into the title block");
    }
}

#[test]
fn violent_events_are_dots_sized_by_deaths_under_the_places() {
    let mut scene = fixtures::synthetic_scene();
    let (lon, lat) = (scene.places[0].lon, scene.places[0].lat);
    scene.events = vec![
        frontline_render::EventMark {
            lon,
            lat,
            deaths: 1,
        },
        frontline_render::EventMark {
            lon,
            lat,
            deaths: 100,
        },
    ];
    let svg = frontline_render::map_svg(&scene, frontline_render::PageSize::A4).expect("renders");
    let radii: Vec<f64> = svg
        .match_indices("<circle ")
        .filter_map(|(i, _)| {
            let tag = &svg[i..i + svg[i..].find("/>").expect("closed")];
            tag.contains("#7a0019").then(|| {
                let r = &tag[tag.find(" r=\"").expect("a radius") + 4..];
                r[..r.find('"').expect("quoted")]
                    .parse::<f64>()
                    .expect("a number")
            })
        })
        .collect();
    assert_eq!(radii.len(), 2, "one dot per event");
    assert!(
        (radii[1] / radii[0] - 10.0).abs() < 0.2,
        "area grows with deaths: {radii:?}"
    );
}

/// The scene with three sites of two foreign forces, in colours no party of it has.
fn scene_with_presence() -> MapScene {
    let site = |lon, lat, force: &str, colour| frontline_render::SiteMark {
        lon,
        lat,
        force: force.into(),
        colour,
    };
    let magenta = frontline_render::Colour::rgb(0xd0, 0x10, 0xd0);
    let cyan = frontline_render::Colour::rgb(0x10, 0xd0, 0xd0);
    MapScene {
        presence: vec![
            site(37.0, 35.0, "Force Magenta", magenta),
            site(40.0, 36.0, "Force Magenta", magenta),
            site(39.5, 33.6, "Force Cyan", cyan),
        ],
        ..fixtures::synthetic_scene()
    }
}

/// The text of the first `<g class="NAME">` group (up to its first closing tag).
fn group<'a>(svg: &'a str, name: &str) -> &'a str {
    let start = svg
        .find(&format!("<g class=\"{name}\">"))
        .unwrap_or_else(|| panic!("a {name} group"));
    let end = svg[start..].find("</g>").expect("closed") + start;
    &svg[start..end]
}

#[test]
fn foreign_forces_sites_are_a_symbol_per_force_with_a_legend_apart_from_control() {
    let scene = scene_with_presence();
    let out = svg(&scene);
    let symbols = group(&out, "presence");
    assert_eq!(symbols.matches("fill=\"#d010d0\"").count(), 2, "{symbols}");
    assert_eq!(symbols.matches("fill=\"#10d0d0\"").count(), 1, "{symbols}");
    // Each symbol is outlined dark inside a white halo, and each force has its own shape
    // (the first a diamond of four corners, the second a triangle of three).
    assert_eq!(symbols.matches("stroke=\"#ffffff\"").count(), 3);
    assert_eq!(symbols.matches("stroke=\"#111111\"").count(), 3);
    let corners = |colour: &str| {
        let at = symbols
            .find(&format!("fill=\"{colour}\""))
            .expect("a symbol");
        let d = &symbols[symbols[..at].rfind("d=\"").expect("a path")..at];
        d.matches('L').count() + 1
    };
    assert_eq!((corners("#d010d0"), corners("#10d0d0")), (4, 3));
    let legend = group(&out, "presence-legend");
    for text in [
        ">Sites of foreign forces (presence, not control)</text>",
        ">Force Magenta</text>",
        ">Force Cyan</text>",
    ] {
        assert!(legend.contains(text), "{text}: {legend}");
    }
    assert_eq!(
        legend.matches("fill=\"#d010d0\"").count(),
        1,
        "a row per force"
    );
    // Control's legend and fills are those of the scene without presence.
    let without = svg(&fixtures::synthetic_scene());
    assert!(!without.contains("class=\"presence"));
    let fills = |s: &str| s[..s.find("stroke=\"#6e6e6e\"").expect("region outlines")].to_owned();
    assert_eq!(fills(&out), fills(&without), "the same fills");
    let head = out.find(">Control</text>").expect("the control legend");
    let control_legend = &out[head..out.find("<g class=\"presence-legend\">").expect("after it")];
    assert!(
        without[without.find(">Control</text>").expect("the control legend")..]
            .starts_with(control_legend),
        "the same control legend"
    );

    // Rasterised (PNG and PDF come from one parse), the symbols are ink of the force's colour.
    let png = svg_to_png(&out, small_page()).expect("rasterises");
    let (_, _, rgba) = decode(&png);
    let magenta_pixels = rgba
        .chunks(4)
        .filter(|p| p[0] > 0xb0 && p[1] < 0x40 && p[2] > 0xb0)
        .count();
    assert!(magenta_pixels > 20, "{magenta_pixels} magenta pixels");
    let pdf = svg_to_pdf(&out, small_page()).expect("converts");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_ne!(
        pdf,
        svg_to_pdf(&without, small_page()).expect("converts"),
        "the PDF draws the symbols"
    );
}

#[test]
fn an_arabic_map_heads_the_foreign_forces_in_arabic() {
    let scene = MapScene {
        language: frontline_render::Language::Ar,
        ..scene_with_presence()
    };
    let legend = group(&svg(&scene), "presence-legend").to_owned();
    assert!(
        legend.contains("مواقع القوات الأجنبية (وجود لا سيطرة)"),
        "{legend}"
    );
}
