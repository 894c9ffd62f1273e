//! Text: escaping for SVG, the embedded fonts, width measurement and the fixed words.

use std::sync::{Arc, LazyLock};

use resvg::usvg::fontdb;

use crate::scene::Language;

/// The font family every text element names; the fonts are embedded (see FONTS.md).
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans";

static REGULAR: LazyLock<ttf_parser::Face<'static>> = LazyLock::new(|| {
    ttf_parser::Face::parse(dejavu::sans::regular(), 0).expect("embedded DejaVu Sans parses")
});
static BOLD: LazyLock<ttf_parser::Face<'static>> = LazyLock::new(|| {
    ttf_parser::Face::parse(dejavu::sans::bold(), 0).expect("embedded DejaVu Sans Bold parses")
});

/// The font database for rasterising and PDF: the embedded fonts only, never the system's.
pub(crate) static FONT_DB: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_font_data(dejavu::sans::regular().to_vec());
    db.load_font_data(dejavu::sans::bold().to_vec());
    db.set_sans_serif_family(FONT_FAMILY);
    Arc::new(db)
});

/// Advances of the ASCII characters, looked up once (labels are measured by the thousand).
static ASCII_ADVANCES: LazyLock<[[u16; 128]; 2]> = LazyLock::new(|| {
    let mut table = [[0; 128]; 2];
    for (faces, row) in [&*REGULAR, &*BOLD].into_iter().zip(table.iter_mut()) {
        for (c, slot) in row.iter_mut().enumerate() {
            *slot = advance(faces, char::from(u8::try_from(c).expect("ascii")));
        }
    }
    table
});

fn advance(face: &ttf_parser::Face<'_>, c: char) -> u16 {
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .unwrap_or(0)
}

/// The faces again, for shaping right-to-left text (joined Arabic is much narrower than the
/// sum of its isolated letters).
static SHAPING: LazyLock<[rustybuzz::Face<'static>; 2]> = LazyLock::new(|| {
    [dejavu::sans::regular(), dejavu::sans::bold()]
        .map(|data| rustybuzz::Face::from_slice(data, 0).expect("embedded DejaVu Sans parses"))
});

/// The width of `text` at `size` pixels: shaped for right-to-left text, from the advances
/// otherwise (exact for Latin without kerning).
pub(crate) fn width(text: &str, size: f64, bold: bool) -> f64 {
    let face: &ttf_parser::Face<'static> = if bold { &BOLD } else { &REGULAR };
    let per_unit = size / f64::from(face.units_per_em());
    if is_rtl(text) {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&SHAPING[usize::from(bold)], &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        #[allow(clippy::cast_precision_loss)]
        return units as f64 * per_unit;
    }
    let ascii = &ASCII_ADVANCES[usize::from(bold)];
    let units: u32 = text
        .chars()
        .map(|c| {
            let a = if c.is_ascii() {
                ascii[c as usize]
            } else {
                advance(face, c)
            };
            u32::from(a)
        })
        .sum();
    f64::from(units) * per_unit
}

/// Whether the embedded regular font has a glyph for every character of `text`
/// (apart from spaces and controls).
#[must_use]
pub fn font_covers(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .all(|c| REGULAR.glyph_index(c).is_some())
}

/// Whether the text should be set right-to-left: it holds a strong right-to-left letter.
pub(crate) fn is_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF)
    })
}

/// Escapes text for XML character data and attribute values (SVG here; the KML export
/// too).
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The font size at which `text` fits `max_width`: `size` if it fits, else smaller, but never
/// below 60% of `size` (past that, [`fit`] cuts it).
pub(crate) fn shrink(text: &str, size: f64, bold: bool, max_width: f64) -> f64 {
    let w = width(text, size, bold);
    if w <= max_width || w <= 0.0 {
        size
    } else {
        (size * max_width / w).max(size * 0.6)
    }
}

/// Cuts `text` with an ellipsis so that it fits `max_width` at `size`.
pub(crate) fn fit(text: &str, size: f64, bold: bool, max_width: f64) -> String {
    if width(text, size, bold) <= max_width {
        return text.to_owned();
    }
    let mut cut: String = text.to_owned();
    while !cut.is_empty() {
        cut.pop();
        let candidate = format!("{}…", cut.trim_end());
        if width(&candidate, size, bold) <= max_width {
            return candidate;
        }
    }
    String::new()
}

/// "Sources: a; b; c", wrapped at source boundaries to the page width, at most eight lines
/// (a source longer than a line is cut with an ellipsis when drawn).
pub(crate) fn attribution(
    sources: &[String],
    words: &Words,
    size: f64,
    max_width: f64,
) -> Vec<String> {
    if sources.is_empty() {
        return vec![format!("{}: —", words.sources)];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = format!("{}:", words.sources);
    for (i, source) in sources.iter().enumerate() {
        let sep = if i == 0 { " " } else { "; " };
        let candidate = format!("{line}{sep}{source}");
        if i > 0 && width(&candidate, size, false) > max_width {
            lines.push(format!("{line};"));
            line = source.clone();
        } else {
            line = candidate;
        }
    }
    lines.push(line);
    if lines.len() > 8 {
        let rest = lines.split_off(7).join(" ");
        lines.push(rest);
    }
    lines
}

/// Breaks `text` at spaces into at most `max_lines` lines that fit `max_width`; the last
/// line takes the rest, cut with an ellipsis when it does not fit.
pub(crate) fn wrap(
    text: &str,
    size: f64,
    bold: bool,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut words = text.split(' ').peekable();
    while words.peek().is_some() {
        if lines.len() + 1 == max_lines.max(1) {
            let rest: Vec<&str> = words.collect();
            lines.push(fit(&rest.join(" "), size, bold, max_width));
            break;
        }
        let mut line = String::new();
        while let Some(&word) = words.peek() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && width(&candidate, size, bold) > max_width {
                break;
            }
            line = candidate;
            words.next();
        }
        lines.push(fit(&line, size, bold, max_width));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The fixed words of maps and charts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words {
    pub(crate) as_of: &'static str,
    pub(crate) legend: &'static str,
    pub(crate) area: &'static str,
    pub(crate) population: &'static str,
    pub(crate) sources: &'static str,
    pub(crate) no_party: &'static str,
    pub(crate) changes_since: &'static str,
    pub(crate) gained: &'static str,
    pub(crate) place: &'static str,
    pub(crate) from: &'static str,
    pub(crate) to: &'static str,
    pub(crate) date: &'static str,
    pub(crate) source: &'static str,
    pub(crate) projection: &'static str,
    pub(crate) share_of_area: &'static str,
    pub(crate) share_of_population: &'static str,
    pub(crate) km: &'static str,
    pub(crate) front_line: &'static str,
    /// The heading of the legend's foreign forces (presence, never control).
    pub(crate) presence: &'static str,
    /// After the rows of a table that did not all fit: `{n}` is how many more.
    pub(crate) and_more: &'static str,
}

impl Words {
    pub(crate) fn of(language: Language) -> Self {
        match language {
            Language::En => Self {
                as_of: "as of",
                legend: "Control",
                area: "Area",
                population: "People",
                sources: "Sources",
                no_party: "No party holds land on this map",
                changes_since: "Changed hands since",
                gained: "Gained (squares: gainer on loser)",
                place: "Place",
                from: "From",
                to: "To",
                date: "Date",
                source: "Source",
                projection: "Equirectangular projection, standard parallel",
                share_of_area: "Share of area, %",
                share_of_population: "Share of population, %",
                km: "km",
                front_line: "Front line",
                presence: "Sites of foreign forces (presence, not control)",
                and_more: "… and {n} more (frontline diff lists them all)",
            },
            Language::Ar => Self {
                as_of: "بتاريخ",
                legend: "السيطرة",
                area: "المساحة",
                population: "السكان",
                sources: "المصادر",
                no_party: "لا يسيطر أي طرف على أرض في هذه الخريطة",
                changes_since: "تغيّرت السيطرة منذ",
                gained: "مكاسب (مربعات الرابح على لون الخاسر)",
                place: "المكان",
                from: "من",
                to: "إلى",
                date: "التاريخ",
                source: "المصدر",
                projection: "إسقاط متساوي المسافات، خط العرض القياسي",
                share_of_area: "نسبة المساحة ٪",
                share_of_population: "نسبة السكان ٪",
                km: "كم",
                front_line: "خط الجبهة",
                presence: "مواقع القوات الأجنبية (وجود لا سيطرة)",
                and_more: "… و{n} غيرها (يسردها كلها frontline diff)",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"A<B & "C" 'D'>"#),
            "A&lt;B &amp; &quot;C&quot; &apos;D&apos;&gt;"
        );
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn embedded_font_covers_latin_and_arabic() {
        assert!(font_covers("Aleppo Deir ez-Zor"));
        assert!(font_covers("حلب دير الزور"));
        assert!(is_rtl("حلب"));
        assert!(!is_rtl("Aleppo"));
    }

    #[test]
    fn joined_arabic_measures_narrower_than_its_isolated_letters() {
        let word = "السيطرة";
        let isolated: f64 = word
            .chars()
            .map(|c| width(&c.to_string(), 10.0, false))
            .sum();
        let joined = width(word, 10.0, false);
        assert!(joined > 0.0 && joined < isolated, "{joined} vs {isolated}");
    }

    #[test]
    fn long_labels_wrap_onto_two_lines_and_the_rest_is_cut() {
        let lines = wrap(
            "Contested: Syrian government and Syrian Democratic Forces",
            10.0,
            false,
            160.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("Contested: Syrian"));
        assert!(lines.iter().all(|l| width(l, 10.0, false) <= 160.0));
        assert_eq!(
            wrap("Short", 10.0, false, 160.0, 2),
            vec!["Short".to_owned()]
        );
        assert_eq!(wrap("", 10.0, false, 160.0, 2), vec![String::new()]);
    }

    #[test]
    fn wider_text_measures_wider_and_fit_cuts_with_an_ellipsis() {
        assert!(width("Aleppo", 10.0, false) > width("Homs", 10.0, false));
        let cut = fit("A very long party name indeed", 10.0, false, 60.0);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 10.0, false) <= 60.0);
    }
}
