#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and run the main job on the bundled demo town.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKENIKI_BUILD_TESTS=OFF >/dev/null
cmake --build build --target keniki_cli
echo
for layer in city welfare_areas neighbourhoods hubs stations bus_stops roads; do
  build/keniki info "data/demo/${layer}.geojson"
done
build/keniki info data/demo/residents.csv
