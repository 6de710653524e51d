#!/usr/bin/env bash
# Installs what keniki needs to build and test, from Debian 12 packages only (run as root).
# Does nothing when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libgdal-dev gdal-bin          # GDAL/OGR: every read and write; ogrinfo for the tests' cross-checks
  libgeos-dev                   # GEOS C API: validity, MakeValid, overlay
  libproj-dev proj-bin          # PROJ: every transform; cs2cs for the tests' cross-checks
  libboost-dev                  # Boost.Geometry (header-only)
  libtomlplusplus-dev           # project files (TOML)
  nlohmann-json3-dev            # JSON output
  libglpk-dev                   # GLPK: the exact MIP of location-allocation (keniki::siting)
  libosmium2-dev zlib1g-dev libbz2-dev libexpat1-dev   # OpenStreetMap roads (libosmium and its readers)
  libgtest-dev libgmock-dev     # GoogleTest
  libbenchmark-dev              # Google Benchmark (tools/bench)
  clang libclang-rt-14-dev      # libFuzzer + sanitizer runtimes for the fuzz targets (scripts/fuzz.sh)
  libjs-leaflet                 # the offline map viewer of the area reports (copied next to the pages)
  unzip                         # the tests read GTFS zips with unzip -p as an independent reference
  chromium fonts-ipafont-gothic # the report tests load, screenshot and print pages in headless Chromium
  libcpp-httplib-dev            # keniki serve: the HTTP server and the tests' client (cpp-httplib, a library in Debian)
  libsqlite3-dev                # keniki serve --tiles: MBTiles basemaps
)
# keniki serve's browser test drives Chromium with playwright-core from npm (tests/serve/browser,
# `npm ci`): Debian's node and npm, unless a node is installed already (another source's would clash).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "keniki: missing packages: ${missing[*]}; run this as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "keniki: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
