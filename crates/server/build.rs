//! Embeds the web viewer when it has been built: sets `cfg(viewer_dist)` when
//! `viewer/dist/index.html` exists at compile time, so `cargo build` works without npm.
//! `FRONTLINE_NO_VIEWER=1` builds with the placeholder page even when it exists.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(viewer_dist)");
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../viewer/dist");
    // Rebuild when the viewer is rebuilt (cargo scans a directory for changes).
    println!("cargo::rerun-if-changed={}", dist.display());
    println!("cargo::rerun-if-env-changed=FRONTLINE_NO_VIEWER");
    let skip = std::env::var_os("FRONTLINE_NO_VIEWER").is_some_and(|v| v == "1");
    if !skip && dist.join("index.html").is_file() {
        println!("cargo::rustc-cfg=viewer_dist");
    }
}
