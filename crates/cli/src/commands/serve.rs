//! `frontline serve`: the API, vector tiles and the web viewer over HTTP.

use anyhow::{Context as _, Result};
use clap::Parser as _;
use frontline_atlas::Atlas;
use frontline_server::{App, AppOptions};

use crate::cli::{Cli, Command, ServeArgs};
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(settings: &Settings, args: &ServeArgs) -> Result<()> {
    // Logs go to stderr, one structured line per request; stdout carries only the URL.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
    if !settings.db.exists() {
        // A first `frontline serve` needs no other command: load the built-in data.
        // (The arguments of a plain `frontline init`, whatever flags init grows.)
        let Command::Init(init) = Cli::try_parse_from(["frontline", "init"])?.command else {
            anyhow::bail!("`frontline init` parses as init");
        };
        super::init::run(settings, &init)?;
    }
    let store = super::open_existing(settings)?;
    let atlas = Atlas::load(&store)?;
    drop(store);
    let limits = &settings.serve;
    let derivations = args.derivations.unwrap_or(limits.derivations);
    let options = AppOptions {
        now: settings.now,
        frame_ancestors: args
            .frame_ancestors
            .clone()
            .unwrap_or_else(|| limits.frame_ancestors.clone()),
        derivations,
        queue: args.max_queue.unwrap_or(limits.max_queue),
        queue_wait: std::time::Duration::from_secs(args.queue_wait.unwrap_or(limits.queue_wait_s)),
        tile_cache_bytes: args
            .tile_cache_mb
            .unwrap_or(limits.tile_cache_mb)
            .saturating_mul(1 << 20),
        idle_release: match args.idle_release.unwrap_or(limits.idle_release_s) {
            0 => None,
            secs => Some(std::time::Duration::from_secs(secs)),
        },
        give_back_memory: Some(crate::give_back_memory),
    };
    let limits_line = format!(
        "limits: {} derivations at once, {} waiting at most {} s, tile caches {} MiB, {}",
        options.derivations,
        options.queue,
        options.queue_wait.as_secs(),
        options.tile_cache_bytes >> 20,
        options.idle_release.map_or_else(
            || "caches kept when idle".to_owned(),
            |d| format!("caches released after {} s idle", d.as_secs())
        )
    );
    let app = App::new(atlas, options);
    let addr = args.addr.unwrap_or(settings.serve.addr);
    // Every blocking task of the server is a derivation holding one of its slots: the pool
    // needs no more threads than slots (and a few for the runtime's own file work), and
    // threads idle for 10 s end, so a crowd leaves no threads behind.
    let blocking_threads = app.derivations().get() + 2;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(blocking_threads)
        .thread_keep_alive(std::time::Duration::from_secs(10))
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("{addr}: cannot listen"))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        // The URL last: a client may stop reading stdout once it has it.
        output::lines(&format!(
            "{limits_line}\nserving {} on http://{addr}/ (Ctrl-C to stop)",
            settings.db.display()
        ))?;
        frontline_server::serve(listener, app).await?;
        Ok(())
    })
}
