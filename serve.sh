#!/usr/bin/env bash
# The main job: build Frontline and serve the built-in Syria map at http://127.0.0.1:8080
# (the database ./frontline.db is created from the built-in data on first run).
# Extra arguments go to `frontline serve`, e.g. `./serve.sh --addr 0.0.0.0:8080`.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f viewer/package.json ]; then
  viewer/build.sh
fi
cargo build --release --locked -p frontline
exec target/release/frontline serve "$@"
