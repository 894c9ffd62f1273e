//! Running the server: on a bound listener, until Ctrl-C or SIGTERM.

use tokio::net::TcpListener;

use crate::app::App;
use crate::error::{Error, Result};
use crate::router::router;

/// Serves `app` on `listener` until Ctrl-C or SIGTERM, then finishes the requests in
/// flight.
///
/// # Errors
/// [`Error::Serve`] when accepting connections fails.
pub async fn serve(listener: TcpListener, app: App) -> Result<()> {
    let addr = listener
        .local_addr()
        .map_or_else(|_| "?".to_owned(), |a| a.to_string());
    tracing::info!(%addr, viewer = crate::viewer::embedded(), "serving");
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|source| Error::Serve { addr, source })?;
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
