#!/usr/bin/env bash
# The whole test suite: formatting, lints, every crate's tests, the viewer's build and its
# browser tests. `.ci/run` installs what this needs and calls exactly this script.
#
# Tests that need ../shared/data read it through FRONTLINE_SHARED_DATA and report that
# they were skipped when it is unset.
set -euo pipefail
cd "$(dirname "$0")"

echo "== rustfmt"
cargo fmt --all -- --check

echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== docs"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace --locked

if [ -f viewer/package.json ]; then
  echo "== viewer build"
  viewer/build.sh
fi

echo "== Syria data: rebuilt from its inputs, compared with data/syria/"
if [ -n "${FRONTLINE_SHARED_DATA:-}" ]; then
  python3 scripts/syria/build.py --check --cache target/syria-cache
else
  echo "skipped: FRONTLINE_SHARED_DATA is unset (the build reads ../shared/data)"
fi

echo "== cargo tests"
cargo test --workspace --locked

if [ -f viewer/package.json ] && grep -q '"test"' viewer/package.json; then
  echo "== browser tests"
  cargo build --locked -p frontline
  (cd viewer && FRONTLINE_BIN="$PWD/../target/debug/frontline" npm test)
fi
