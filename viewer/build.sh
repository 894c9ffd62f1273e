#!/usr/bin/env bash
# Build the web viewer into viewer/dist, which `frontline serve` embeds at compile time.
# Installs the locked npm dependencies first when node_modules is missing or older than
# package-lock.json. Needs Node 20+ and npm.
#
# Usage: viewer/build.sh            (from any directory)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
