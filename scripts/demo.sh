#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and run the whole plan of the bundled demo town.
# It sets every build option it relies on, and the same build type and warnings as scripts/test.sh,
# so that the test script (which turns the tests and benchmarks on in the same build/) reuses this
# build instead of inheriting a cached "no tests" from it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKENIKI_WERROR=ON -DKENIKI_SANITIZE=OFF \
  -DKENIKI_BUILD_TESTS=OFF -DKENIKI_BUILD_BENCH=OFF >/dev/null
cmake --build build --target keniki_cli
echo
build/keniki validate data/demo/plan.toml
build/keniki run data/demo/plan.toml --out out/demo --overwrite
echo
echo "Open out/demo/keniki.gpkg in QGIS, or the out/demo/*.geojson files in any browser map;"
echo "out/demo/units_<tier>.csv and hubs_<tier>.csv open in Excel; out/demo/summary.json holds every figure;"
echo "out/demo/report/index.html is the area reports (地域カルテ). Next: scripts/test.sh runs the tests."
