#!/usr/bin/env bash
# The kill -9 import trial at length: TRIALS imports of ROWS observations (defaults 20 and
# 200,000) killed with SIGKILL at points spread over their first seconds; after each, the
# database must pass `PRAGMA integrity_check` and hold none of the import or all of it
# (crates/cli/tests/cli/kill.rs; CI runs 2 trials of 40,000 rows).
#
#   scripts/bench/kill9.sh [TRIALS] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
FRONTLINE_KILL_TRIALS="${1:-20}" FRONTLINE_KILL_ROWS="${2:-200000}" \
  cargo test --locked -p frontline --test cli \
  kill::an_import_killed_at_any_point_stores_all_of_it_or_nothing -- --nocapture
