#!/usr/bin/env bash
# Quick start 2 (and CI): install what is missing, build with warnings as errors, run the whole test
# suite; then build again with AddressSanitizer + UndefinedBehaviorSanitizer and run it once more.
# Every option either build relies on is set here (a build/ configured by scripts/demo.sh has the
# tests off in its cache), and ctest fails when it finds no tests. The benchmarks are built (not run)
# so that they cannot rot. Tests that need ../shared/data skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKENIKI_WERROR=ON -DKENIKI_SANITIZE=OFF \
  -DKENIKI_BUILD_TESTS=ON -DKENIKI_BUILD_BENCH=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure --no-tests=error -j "$jobs"

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKENIKI_WERROR=ON -DKENIKI_SANITIZE=ON \
  -DKENIKI_BUILD_TESTS=ON -DKENIKI_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j "$jobs"
# GDAL and PROJ keep some caches for the process lifetime; leaks are not what this run looks for.
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build-asan --output-on-failure --no-tests=error -j "$jobs"
