#!/usr/bin/env bash
# Rendering benchmark (issue 4): Frontline's SVG and A3 PNG of a synthetic 20,000-place scene,
# against matplotlib drawing the same GeoJSON in the same run. Prints figures and ratios.
set -euo pipefail
cd "$(dirname "$0")/../../.."
python3 -c 'import matplotlib' 2>/dev/null || pip install --quiet matplotlib
cargo bench -p frontline-render --bench render
