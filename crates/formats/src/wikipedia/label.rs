//! Labels as people read them: wikilinks, bold, `<br>` and `<small>` markup removed; and
//! the normalised form of a name used to match it to a known place.

/// The text a reader sees for a wiki label: `[[A|B]]` shows `B`, `[[A]]` shows `A`,
/// `'''bold'''` shows `bold`, `<br>` is a space, other tags are dropped (their text is
/// kept), and blanks are collapsed.
#[must_use]
pub(crate) fn plain(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            text.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[..close];
        let shown = inner.rsplit_once('|').map_or(inner, |(_, shown)| shown);
        text.push_str(shown.trim_start_matches('#'));
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    let text = text.replace("'''", "").replace("''", "").replace('`', "");
    let text = text.replace("&nbsp;", " ").replace("&amp;", "&");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '<' {
            // A tag (`<br>`, `<small>`): dropped, leaving a blank.
            for t in chars.by_ref() {
                if t == '>' {
                    break;
                }
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// A name folded for matching: lowercase ASCII letters and digits only, Latin accents
/// and transliteration marks dropped, a leading Arabic article (`al-`, `ar-`, `ash-`,
/// `el-`, ...) dropped, and anything in parentheses dropped.
#[must_use]
pub(crate) fn normalised(name: &str) -> String {
    let folded = normalised_words(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let articles = [
        "al", "el", "ar", "as", "ash", "ad", "adh", "at", "an", "az", "ath",
    ];
    let start = usize::from(words.len() > 1 && articles.contains(&words[0]));
    words[start..].concat()
}

/// The words of a name, folded to lowercase ASCII letters and digits (accents and
/// transliteration marks dropped), without what is in parentheses.
#[must_use]
pub(crate) fn normalised_words(name: &str) -> String {
    let base = name.split(" (").next().unwrap_or(name);
    let mut folded = String::with_capacity(base.len());
    for c in base.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ā' | 'ã' => 'a',
            'ç' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ş' | 'š' | 'ṣ' => 's',
            'ḥ' => 'h',
            'ṭ' => 't',
            'ḍ' => 'd',
            'ẓ' => 'z',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            folded.push(c);
        } else if matches!(c, '‘' | '’' | '\'' | 'ʿ' | 'ʾ') {
            // Transliteration marks for ayn and hamza join the word.
        } else {
            folded.push(' ');
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("[[Battle of Aleppo (2012–2016)|Aleppo]]", "Aleppo")]
    #[case("[[Tall Shahim]]", "Tall Shahim")]
    #[case(
        "[[#Al-Jawadiyah|Jawadiyah <small> (Çil Axa) </small>]]",
        "Jawadiyah (Çil Axa)"
    )]
    #[case("'''[[Raqqa]]'''<br>city", "Raqqa city")]
    #[case("Gas plant", "Gas plant")]
    #[case("[[Msad]]` ", "Msad")]
    fn labels_read_as_people_see_them(#[case] raw: &str, #[case] shown: &str) {
        assert_eq!(plain(raw), shown);
    }

    #[rstest]
    #[case("Al-Bab", "bab")]
    #[case("al Bab", "bab")]
    #[case("Kobanî (Ayn al-Arab)", "kobani")]
    #[case("Khirbat Ma‘rata", "khirbatmarata")]
    #[case("Ras al-Ayn", "rasalayn")]
    #[case("Al", "al")]
    fn names_fold_for_matching(#[case] name: &str, #[case] folded: &str) {
        assert_eq!(normalised(name), folded);
    }
}
