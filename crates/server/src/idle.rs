//! Memory given back when idle: after [`AppOptions::idle_release`](crate::AppOptions) with no
//! request, the server drops what it keeps (the tile caches, the atlas's cells) and asks the
//! allocator to return the freed memory to the system. The caches are bounded while it works; this is what lets a
//! server that a crowd visited once shrink back to the size of its evidence.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::app::App;
use crate::tiles::TileCaches;

/// When the last request ended and how many are running; cheap to clone (the clones share
/// it).
#[derive(Debug, Clone)]
pub(crate) struct Activity {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    in_flight: AtomicUsize,
    last: Mutex<Instant>,
    /// Whether the caches were released since the last request.
    released: AtomicBool,
}

impl Default for Activity {
    fn default() -> Self {
        Self {
            inner: Arc::new(Inner {
                in_flight: AtomicUsize::new(0),
                last: Mutex::new(Instant::now()),
                released: AtomicBool::new(false),
            }),
        }
    }
}

/// Ends a request's count when dropped (answered, failed or the client gone).
struct Running<'a>(&'a Inner);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        *self.0.last.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Activity {
    /// Whether the caches are due for release at `now`: no request running, none for
    /// `idle`, and not released since the last one. Says yes once per idle stretch.
    fn due(&self, now: Instant, idle: Duration) -> bool {
        let inner = &self.inner;
        if inner.in_flight.load(Ordering::Acquire) > 0 {
            return false;
        }
        let last = *inner.last.lock().unwrap_or_else(PoisonError::into_inner);
        now.saturating_duration_since(last) >= idle && !inner.released.swap(true, Ordering::AcqRel)
    }

    /// Whether the caches were released and no request came since.
    fn released(&self) -> bool {
        self.inner.in_flight.load(Ordering::Acquire) == 0
            && self.inner.released.load(Ordering::Acquire)
    }
}

/// Counts every request while it runs (a middleware).
pub(crate) async fn track(
    State(activity): State<Activity>,
    request: Request,
    next: Next,
) -> Response {
    let inner = &activity.inner;
    inner.in_flight.fetch_add(1, Ordering::AcqRel);
    inner.released.store(false, Ordering::Release);
    let _running = Running(inner);
    next.run(request).await
}

/// Releases the caches each time the server has been idle for `idle`, then, while it stays
/// idle, asks the allocator at every tick to give back what ended threads left behind (the
/// runtime's blocking threads end some seconds after their last work). Runs until the
/// runtime stops.
pub(crate) async fn release_when_idle(
    activity: Activity,
    idle: Duration,
    app: App,
    tiles: TileCaches,
) {
    let tick = (idle / 4).clamp(Duration::from_millis(100), Duration::from_secs(5));
    loop {
        tokio::time::sleep(tick).await;
        if activity.due(Instant::now(), idle) {
            tiles.clear();
            app.atlas().forget_cells();
            tracing::info!(idle_s = idle.as_secs_f64(), "idle: caches released");
        }
        if activity.released() {
            if let Some(give_back) = app.options().give_back_memory {
                give_back();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_is_due_once_per_idle_stretch_and_never_while_a_request_runs() {
        let activity = Activity::default();
        let idle = Duration::from_secs(60);
        let start = *activity.inner.last.lock().expect("not poisoned");
        assert!(
            !activity.due(start + Duration::from_secs(59), idle),
            "not idle long enough"
        );
        assert!(activity.due(start + Duration::from_secs(61), idle));
        assert!(
            !activity.due(start + Duration::from_secs(120), idle),
            "once per stretch"
        );
        // A request starts: nothing is due while it runs, whatever the time.
        activity.inner.in_flight.fetch_add(1, Ordering::AcqRel);
        activity.inner.released.store(false, Ordering::Release);
        assert!(!activity.due(start + Duration::from_secs(1_000), idle));
        // It ends: a new stretch begins at its end.
        drop(Running(&activity.inner));
        let end = *activity.inner.last.lock().expect("not poisoned");
        assert!(!activity.due(end + Duration::from_secs(30), idle));
        assert!(activity.due(end + Duration::from_secs(60), idle));
    }
}
