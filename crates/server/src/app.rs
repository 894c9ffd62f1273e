//! What every handler shares: the atlas, loaded once, and the options it is served with.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::Atlas;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// How the server runs: typed options, filled by the binary.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The default record time ("as known now"): when the evidence was loaded.
    pub now: DateTime<Utc>,
    /// How many bytes the tile routes keep in memory (a quarter for the layers of recent
    /// dates, a quarter for PMTiles archives, the rest for encoded tiles; least recently
    /// used go first).
    pub tile_cache_bytes: usize,
    /// Which sites may show the viewer in a frame.
    pub frame_ancestors: FrameAncestors,
    /// How many derivations (the CPU work of an answer: inference, tiles, maps) run at
    /// once; by default one per core. The blocking threads of the runtime need be no more.
    pub derivations: NonZeroUsize,
    /// How many derivations may wait for one of those slots; a request beyond is answered
    /// 503 with `Retry-After`.
    pub queue: usize,
    /// How long a derivation may wait in the queue before it is answered 503.
    pub queue_wait: Duration,
    /// After how long without a request [`serve`](crate::serve()) drops what it keeps (tile
    /// caches, the atlas's cells) and returns the freed memory to the system; `None`: never.
    pub idle_release: Option<Duration>,
    /// Returns freed memory to the system after an idle release: the binary's allocator
    /// knows how (the `frontline` binary's mimalloc does it with `mi_collect`); `None`:
    /// leave it to the allocator.
    pub give_back_memory: Option<fn()>,
}

impl Default for AppOptions {
    fn default() -> Self {
        let derivations = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
        Self {
            now: Utc::now(),
            tile_cache_bytes: 256 << 20,
            frame_ancestors: FrameAncestors::any(),
            derivations,
            queue: 8 * derivations.get(),
            queue_wait: Duration::from_secs(10),
            idle_release: Some(Duration::from_secs(60)),
            give_back_memory: None,
        }
    }
}

/// The bound on concurrent work: a slot per running derivation and a queue of limited
/// length and wait in front of them.
#[derive(Debug)]
struct Gate {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    wait: Duration,
}

/// How long a client refused for load is asked to wait, in seconds.
pub(crate) const RETRY_AFTER_SECS: u32 = 2;

impl Gate {
    fn new(options: &AppOptions) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(options.derivations.get())),
            waiting: AtomicUsize::new(0),
            queue: options.queue,
            wait: options.queue_wait,
        }
    }

    /// A slot, at once or after waiting in the queue; 503 when the queue is full or the
    /// wait too long.
    async fn admit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        if let Ok(slot) = Arc::clone(&self.slots).try_acquire_owned() {
            return Ok(slot);
        }
        let ahead = self.waiting.fetch_add(1, Ordering::AcqRel);
        let _leave = Leave(&self.waiting);
        if ahead >= self.queue {
            return Err(ApiError::busy(
                "the server is busy: its queue of work is full",
            ));
        }
        match tokio::time::timeout(self.wait, Arc::clone(&self.slots).acquire_owned()).await {
            Ok(Ok(slot)) => Ok(slot),
            Ok(Err(_)) | Err(_) => Err(ApiError::busy(
                "the server is busy: the work waited too long in its queue",
            )),
        }
    }
}

/// Leaves the queue when dropped (admitted, refused or the client gone).
struct Leave<'a>(&'a AtomicUsize);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
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
    gate: Gate,
    options: AppOptions,
}

impl App {
    /// Serves `atlas`.
    #[must_use]
    pub fn new(atlas: Atlas, options: AppOptions) -> Self {
        Self {
            inner: Arc::new(Inner {
                atlas: Arc::new(atlas),
                gate: Gate::new(&options),
                options,
            }),
        }
    }

    /// How many derivations run at once (size the runtime's blocking pool by it).
    #[must_use]
    pub fn derivations(&self) -> NonZeroUsize {
        self.inner.options.derivations
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

    /// Runs `work` on the atlas on the blocking pool (CPU work stays off the reactor), as a
    /// derivation bounded like [`App::derive`].
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Atlas) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let atlas = Arc::clone(&self.inner.atlas);
        self.derive(move || work(&atlas)).await?
    }

    /// Runs `work` on the blocking pool once one of the [`AppOptions::derivations`] slots is
    /// free. The slot is held until the work ends, even if the client has gone, so no more
    /// derivations than slots ever run.
    ///
    /// # Errors
    /// 503 (`busy`, with `Retry-After`) when the queue is full or the wait too long; 500 if
    /// the work panicked.
    pub(crate) async fn derive<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let slot = self.inner.gate.admit().await?;
        Ok(tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(derivations: usize, queue: usize, wait_ms: u64) -> Gate {
        Gate::new(&AppOptions {
            derivations: NonZeroUsize::new(derivations).expect("not zero"),
            queue,
            queue_wait: Duration::from_millis(wait_ms),
            ..AppOptions::default()
        })
    }

    #[tokio::test]
    async fn the_gate_admits_its_slots_then_queues_then_refuses_with_503() {
        let gate = Arc::new(gate(2, 1, 10_000));
        let first = gate.admit().await.expect("a free slot");
        let _second = gate.admit().await.expect("another free slot");
        // The third waits in the queue until a slot is freed.
        let waiter = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.admit().await.map(drop) })
        };
        while gate.waiting.load(Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        // The fourth finds the queue full.
        let refused = gate.admit().await.expect_err("the queue is full");
        assert_eq!(
            refused.status(),
            axum::http::StatusCode::SERVICE_UNAVAILABLE
        );
        drop(first);
        waiter
            .await
            .expect("joins")
            .expect("admitted once a slot was freed");
        assert_eq!(gate.waiting.load(Ordering::Acquire), 0, "the queue is left");
    }

    #[tokio::test]
    async fn a_wait_longer_than_the_queue_wait_is_refused_with_retry_after() {
        let gate = gate(1, 4, 20);
        let _busy = gate.admit().await.expect("a free slot");
        let refused = gate.admit().await.expect_err("waited too long");
        let response = axum::response::IntoResponse::into_response(refused);
        assert_eq!(
            response.status(),
            axum::http::StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            response.headers()[axum::http::header::RETRY_AFTER],
            RETRY_AFTER_SECS.to_string()
        );
        assert_eq!(gate.waiting.load(Ordering::Acquire), 0);
    }

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
