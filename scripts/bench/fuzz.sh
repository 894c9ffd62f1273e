#!/usr/bin/env bash
# Runs each importer's fuzz target (crates/formats/tests/fuzz.rs: CSV, GeoJSON, boundary,
# Wikipedia module, UCDP GED) for SECONDS each (default 180), optimised. Inputs that make a
# reader panic or hang are saved to crates/formats/tests/fuzz-found/, which every test run
# replays: commit them with their fix. CI runs a short version (1,000 mutants a target).
#
#   scripts/bench/fuzz.sh [SECONDS] [--profile dev]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-180}"
profile="${3:-release}"
[ "${2:-}" = "--profile" ] || profile=release
FRONTLINE_FUZZ_SECONDS="$seconds" FRONTLINE_FUZZ_CASES=2000 FRONTLINE_FUZZ_SAVE=1 \
  cargo test --locked --profile "$profile" -p frontline-formats --test fuzz \
  every_reader_returns_records_or_an_error_on_mutated_files -- --nocapture
found=$(find crates/formats/tests/fuzz-found -name '*.bin' | wc -l)
echo "inputs saved in crates/formats/tests/fuzz-found: $found"
