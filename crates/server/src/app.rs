//! What every handler shares: the atlas, loaded once, and the options it is served with.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::Atlas;

use crate::error::ApiError;

/// How the server runs: typed options, filled by the binary.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The default record time ("as known now"): when the evidence was loaded.
    pub now: DateTime<Utc>,
    /// How many bytes of encoded tiles the router keeps in memory (least recently used go
    /// first).
    pub tile_cache_bytes: usize,
    /// Which sites may show the viewer in a frame.
    pub frame_ancestors: FrameAncestors,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            now: Utc::now(),
            tile_cache_bytes: 256 << 20,
            frame_ancestors: FrameAncestors::any(),
        }
    }
}

/// The sites that may show the viewer in a frame (a newsroom embedding the map of a date):
/// a Content-Security-Policy `frame-ancestors` source list, such as `*` (any site: the
/// default, as the viewer only reads) or `'self' https://news.example`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FrameAncestors(String);

impl FrameAncestors {
    /// Any site may embed the viewer.
    #[must_use]
    pub fn any() -> Self {
        Self("*".into())
    }

    /// The `Content-Security-Policy` header value.
    pub(crate) fn policy(&self) -> String {
        format!("frame-ancestors {}", self.0)
    }
}

impl std::str::FromStr for FrameAncestors {
    type Err = InvalidFrameAncestors;

    /// Accepts a space-separated source list: printable ASCII, without the `;` and `,`
    /// that would end the directive or the policy.
    fn from_str(sources: &str) -> Result<Self, Self::Err> {
        let sources = sources
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let allowed = |c: char| c.is_ascii_graphic() && c != ';' && c != ',' || c == ' ';
        if sources.is_empty() || !sources.chars().all(allowed) {
            return Err(InvalidFrameAncestors(sources));
        }
        Ok(Self(sources))
    }
}

impl TryFrom<String> for FrameAncestors {
    type Error = InvalidFrameAncestors;

    fn try_from(sources: String) -> Result<Self, Self::Error> {
        sources.parse()
    }
}

impl From<FrameAncestors> for String {
    fn from(sources: FrameAncestors) -> Self {
        sources.0
    }
}

/// A `frame-ancestors` source list that cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "{0:?} is not a frame-ancestors source list (space-separated sources such as `*`, `'self'`, `'none'` or https://news.example)"
)]
pub struct InvalidFrameAncestors(String);

/// The atlas and the options it is served with: cheap to clone (the clones share them).
///
/// [`router`](crate::router()) serves an `App`; the caches of what it makes (the tiles of a
/// date) belong to the router, so a router built once, as [`serve`](crate::serve()) does,
/// keeps them for its lifetime.
#[derive(Debug, Clone)]
pub struct App {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    atlas: Arc<Atlas>,
    options: AppOptions,
}

impl App {
    /// Serves `atlas`.
    #[must_use]
    pub fn new(atlas: Atlas, options: AppOptions) -> Self {
        Self {
            inner: Arc::new(Inner {
                atlas: Arc::new(atlas),
                options,
            }),
        }
    }

    /// The options it runs with.
    pub(crate) fn options(&self) -> &AppOptions {
        &self.inner.options
    }

    /// The atlas.
    #[must_use]
    pub fn atlas(&self) -> &Atlas {
        &self.inner.atlas
    }

    /// The default record time: when the evidence was loaded.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.inner.options.now
    }

    /// Today (UTC).
    pub(crate) fn today(&self) -> NaiveDate {
        Utc::now().date_naive()
    }

    /// Runs `work` on the atlas on the blocking pool (CPU work stays off the reactor).
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Atlas) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let atlas = Arc::clone(&self.inner.atlas);
        tokio::task::spawn_blocking(move || work(&atlas)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_ancestors_take_source_lists_and_refuse_what_would_break_the_policy() {
        let parse = |s: &str| s.parse::<FrameAncestors>().map(|f| f.policy());
        assert_eq!(
            parse("  'self'   https://news.example ").expect("valid"),
            "frame-ancestors 'self' https://news.example"
        );
        assert_eq!(parse("'none'").expect("valid"), "frame-ancestors 'none'");
        for bad in [
            "",
            "   ",
            "* ; script-src *",
            "a,b",
            "https://x\u{0}.example",
            "\u{e9}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} is refused");
        }
    }
}
