//! Embeds the web viewer when it has been built: sets `cfg(viewer_dist)` when
//! `viewer/dist/index.html` exists at compile time, so `cargo build` works without npm.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(viewer_dist)");
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../viewer/dist");
    // Rebuild when the viewer is rebuilt (cargo scans a directory for changes).
    println!("cargo::rerun-if-changed={}", dist.display());
    if dist.join("index.html").is_file() {
        println!("cargo::rustc-cfg=viewer_dist");
    }
}
