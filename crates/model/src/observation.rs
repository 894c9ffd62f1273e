use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Error, ObservationId, PartialDate, PartyId, PlaceId, Result};

crate::word::word_enum! {
    /// Who holds a place, as an observation reports it.
    Status, "status" {
        /// One party holds it.
        Controlled = "controlled",
        /// Two or more parties hold ground inside it, on widespread reports.
        Contested = "contested",
        /// Two or more parties share it by arrangement (e.g. Qamishli).
        Joint = "joint",
        /// Held (first party) but surrounded (by the second party, when named).
        Besieged = "besieged",
        /// A party claims it; unverified.
        Claimed = "claimed",
        /// Nobody's control is known.
        Unknown = "unknown",
    }
}

impl Status {
    /// The fewest parties an observation with this status names.
    #[must_use]
    pub fn min_parties(self) -> usize {
        match self {
            Self::Contested | Self::Joint => 2,
            Self::Controlled | Self::Besieged | Self::Claimed => 1,
            Self::Unknown => 0,
        }
    }

    /// Whether every named party shares the place equally (so their order carries no
    /// meaning): contested and joint.
    #[must_use]
    pub fn is_shared(self) -> bool {
        matches!(self, Self::Contested | Self::Joint)
    }
}

crate::word::word_enum! {
    /// How sure the recorder is of an observation.
    Confidence, "confidence" {
        /// Single or partisan report, not corroborated.
        Low = "low",
        /// The default: a credible report.
        Medium = "medium",
        /// Corroborated by independent sources.
        High = "high",
    }
}

/// Whether a source is neutral or speaks for a party.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Stance {
    /// Not aligned with any party.
    #[default]
    Neutral,
    /// Aligned with (e.g. run by or close to) a party.
    Aligned(PartyId),
}

impl Stance {
    /// Parses `neutral` (or an empty string) or `aligned:<party id>`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for anything else.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("neutral") {
            return Ok(Self::Neutral);
        }
        match t.split_once(':') {
            Some((head, party)) if head.eq_ignore_ascii_case("aligned") => {
                Ok(Self::Aligned(PartyId::new(party.trim())?))
            }
            _ => Err(Error::InvalidValue {
                what: "stance",
                value: text.to_owned(),
                expected: "neutral, aligned:<party id>".to_owned(),
            }),
        }
    }
}

impl std::fmt::Display for Stance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Neutral => f.write_str("neutral"),
            Self::Aligned(p) => write!(f, "aligned:{p}"),
        }
    }
}

impl TryFrom<String> for Stance {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::parse(&value)
    }
}

impl From<Stance> for String {
    fn from(s: Stance) -> String {
        s.to_string()
    }
}

/// Checks a source URL: an absolute `http` or `https` URL with a host, parsed as RFC 3986
/// (by the `http` crate) once non-ASCII characters are percent-encoded (an IRI, as
/// Wikipedia's titles with dashes are), with no spaces or control characters.
///
/// # Errors
/// Why it was refused, in words.
pub fn check_url(url: &str) -> std::result::Result<(), String> {
    use std::fmt::Write as _;
    let shown = crate::shown(url);
    /// Longer than any source's address (browsers and servers commonly stop at 2,000).
    const MAX_CHARS: usize = 2048;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{shown} holds a space or a control character"));
    }
    if url.chars().count() > MAX_CHARS {
        return Err(format!("{shown} is longer than {MAX_CHARS} characters"));
    }
    let bytes = url.as_bytes();
    let bad_escape = bytes.iter().enumerate().any(|(i, b)| {
        *b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if bad_escape {
        return Err(format!("{shown} has a '%' not followed by two hex digits"));
    }
    let mut ascii = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(ascii, "%{b:02X}");
            }
        }
    }
    let uri = http::Uri::try_from(ascii).map_err(|_| format!("{shown} is not a URL"))?;
    match uri.scheme_str() {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {}
        _ => return Err(format!("{shown} is not an http(s) URL")),
    }
    let host = uri.host().unwrap_or("");
    let plain = |h: &str| {
        !h.is_empty()
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    };
    let bracketed = host.starts_with('[') && host.ends_with(']');
    if !(plain(host) || bracketed) {
        return Err(format!("{shown} has no valid host"));
    }
    Ok(())
}

/// Where an observation comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Who published it (e.g. `Reuters`).
    pub publisher: String,
    /// The title of the report.
    pub title: String,
    /// Where to read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// Whether it is neutral or aligned with a party.
    pub stance: Stance,
}

/// One dated, sourced report of who held a place: Frontline's unit of evidence.
///
/// Observations are never changed or deleted. A correction is a new observation that
/// names the ones it `supersedes`; from the moment the correction is recorded, the
/// superseded ones no longer count.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Its id (by default derived from its content, see [`Observation::content_id`]).
    pub id: ObservationId,
    /// The place observed.
    pub place: PlaceId,
    /// The status reported.
    pub status: Status,
    /// The parties it names: the holder first; for contested and joint, two or more;
    /// for besieged, the holder then the besieger.
    pub parties: Vec<PartyId>,
    /// From when the status held (valid time).
    pub valid_from: PartialDate,
    /// Until when, if the report bounds it: the status no longer holds from the first
    /// day of this period.
    pub valid_until: Option<PartialDate>,
    /// One or more sources.
    pub sources: Vec<Source>,
    /// How sure the recorder is.
    pub confidence: Confidence,
    /// A free note.
    pub note: Option<String>,
    /// When Frontline learned it (record time).
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
    /// The observations this one corrects.
    pub supersedes: Vec<ObservationId>,
}

impl Observation {
    /// The id derived from what the observation says (not from when or by whom it was
    /// recorded), so that the same evidence imported twice is recognised as the same.
    #[must_use]
    pub fn content_id(&self) -> ObservationId {
        ObservationId::from_hash(self.content_hash())
    }

    /// The hash [`Observation::content_id`] is the text of.
    #[must_use]
    pub fn content_hash(&self) -> u64 {
        let mut h = ContentHasher::default();
        h.text(self.place.as_str()).text(self.status.as_str());
        for p in &self.parties {
            h.text(p.as_str());
        }
        h.date(Some(self.valid_from)).date(self.valid_until);
        for s in &self.sources {
            h.text(&s.publisher)
                .text(&s.title)
                .text(s.url.as_deref().unwrap_or(""))
                .date(s.published);
            match &s.stance {
                Stance::Neutral => h.text("neutral"),
                Stance::Aligned(p) => h.text("aligned").text(p.as_str()),
            };
        }
        h.text(self.confidence.as_str())
            .text(self.note.as_deref().unwrap_or(""));
        for s in &self.supersedes {
            h.text(s.as_str());
        }
        h.0.digest()
    }

    /// Whether two observations say the same about their place: same status and the
    /// same parties (in any order where the status shares the place).
    #[must_use]
    pub fn agrees_with(&self, other: &Self) -> bool {
        if self.status != other.status {
            return false;
        }
        if self.status.is_shared() {
            let mut a = self.parties.clone();
            let mut b = other.parties.clone();
            a.sort();
            b.sort();
            a == b
        } else {
            self.parties == other.parties
        }
    }

    /// Whether at least one source is neutral.
    #[must_use]
    pub fn has_neutral_source(&self) -> bool {
        self.sources.iter().any(|s| s.stance == Stance::Neutral)
    }
}

/// Feeds a record's fields, each ended by a separator, to a stable hash.
pub(crate) struct ContentHasher(xxhash_rust::xxh3::Xxh3);

impl Default for ContentHasher {
    fn default() -> Self {
        Self(xxhash_rust::xxh3::Xxh3::new())
    }
}

impl ContentHasher {
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        self.0.update(text.as_bytes());
        self.0.update(&[0x1f]);
        self
    }

    pub(crate) fn date(&mut self, date: Option<PartialDate>) -> &mut Self {
        if let Some(d) = date {
            let precision = match d.precision() {
                crate::Precision::Year => b'y',
                crate::Precision::Month => b'm',
                crate::Precision::Day => b'd',
            };
            self.0
                .update(&chrono::Datelike::num_days_from_ce(&d.first_day()).to_le_bytes());
            self.0.update(&[precision]);
        }
        self.0.update(&[0x1f]);
        self
    }

    /// The hash of everything fed.
    pub(crate) fn digest(&self) -> u64 {
        self.0.digest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_parse_neutral_and_aligned() {
        assert_eq!(Stance::parse("").expect("parses"), Stance::Neutral);
        assert_eq!(
            Stance::parse("aligned:sdf").expect("parses"),
            Stance::Aligned(PartyId::new("sdf").expect("valid"))
        );
        assert!(Stance::parse("pro-sdf").is_err());
    }

    #[test]
    fn urls_must_be_http_with_a_host() {
        for good in [
            "https://example.org/a?b=c#d",
            "HTTPS://en.wikipedia.org/wiki/Raqqa_(2017)",
            "https://en.wikipedia.org/wiki/Aleppo_offensive_(October–November_2016)",
            "http://[::1]:8080/x",
        ] {
            assert_eq!(check_url(good), Ok(()), "{good}");
        }
        for (bad, why) in [
            ("javascript:alert(1)", "not an http(s) URL"),
            ("http://", "not a URL"),
            ("https://exa mple.org/", "space"),
            ("https://%00/", "not a URL"),
            ("ftp://example.org/", "not an http(s) URL"),
            ("example.org/page", "not a"),
            ("https://example.org/\u{1b}[31m", "control character"),
            ("https://example.org/%ZZ", "two hex digits"),
            ("https://example.org/100%", "two hex digits"),
        ] {
            let err = check_url(bad).expect_err(bad);
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn statuses_name_their_minimum_parties() {
        assert_eq!(Status::Contested.min_parties(), 2);
        assert_eq!(Status::parse("JOINT").expect("parses"), Status::Joint);
        let err = Status::parse("held").expect_err("not a status");
        assert!(err.to_string().contains("controlled, contested"), "{err}");
    }
}
