//! Running the server: on a bound listener, until Ctrl-C or SIGTERM.

use tokio::net::TcpListener;

use crate::app::App;
use crate::error::{Error, Result};
use crate::idle::{self, Activity};
use crate::router::routes;
use crate::tiles::TileCaches;

/// Serves `app` on `listener` until Ctrl-C or SIGTERM, then finishes the requests in
/// flight. When [`AppOptions::idle_release`](crate::AppOptions) is set, the caches are
/// released each time no request came for that long.
///
/// # Errors
/// [`Error::Serve`] when accepting connections fails.
pub async fn serve(listener: TcpListener, app: App) -> Result<()> {
    let addr = listener
        .local_addr()
        .map_or_else(|_| "?".to_owned(), |a| a.to_string());
    tracing::info!(%addr, viewer = crate::viewer::embedded(), "serving");
    let tiles = TileCaches::new(app.options().tile_cache_bytes);
    let activity = Activity::default();
    let release = app
        .options()
        .idle_release
        .map(|after| idle::release_when_idle(activity.clone(), after, app.clone(), tiles.clone()));
    let server =
        axum::serve(listener, routes(app, tiles, activity)).with_graceful_shutdown(shutdown());
    // The release runs in this future, not as a spawned task: on the thread that awaits
    // `serve` (the binary's main thread), where the allocator can take back the memory
    // that ended threads left behind.
    let result = match release {
        Some(release) => tokio::select! {
            result = server => result,
            () = release => Ok(()),
        },
        None => server.await,
    };
    result.map_err(|source| Error::Serve { addr, source })?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
