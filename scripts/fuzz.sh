#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of tools/fuzz with clang (build-fuzz/, KENIKI_BUILD_FUZZ=ON,
# ASan + UBSan), makes their seed corpora, runs each target for a bounded time one after the other,
# and prints a table: executions, coverage (libFuzzer's final cov: and ft:), corpus size, crashes.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 60 s; default every fuzz_* target)
#
# Exits 1 when any target crashed (or leaked, hung, ran out of memory): the crash file's path is in
# the table and in the target's log. Reproduce with build-fuzz/tools/fuzz/<target> <crash file>.
# The corpora accumulate in build-fuzz/fuzz/corpus/<target>/ from run to run; the seeds are remade
# every run in build-fuzz/fuzz/seeds/<target>/ from small slices of ../shared/data (skipped with a
# message when it is absent), the demo data and the test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [seconds-per-target] [target...]" >&2
  exit 2
fi
if ! command -v clang++ >/dev/null; then
  echo "keniki: scripts/fuzz.sh needs clang and libclang-rt-14-dev (scripts/install-deps.sh installs them)" >&2
  exit 2
fi

build=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKENIKI_BUILD_FUZZ=ON \
  -DKENIKI_SANITIZE=OFF -DKENIKI_BUILD_TESTS=OFF -DKENIKI_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" --target keniki_fuzz -j "$(nproc)"

work=$build/fuzz
shared=../shared/data
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in tools/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi

# ---- seed corpora ------------------------------------------------------------------------------
set +o pipefail  # `unzip -p ... | head` ends unzip early, on purpose
seeds=$work/seeds
rm -rf "$seeds"
for t in "${targets[@]}"; do mkdir -p "$seeds/$t"; done
seed() {  # seed <target> <name>: stdin becomes one seed (targets not being run are skipped)
  [ -d "$seeds/$1" ] && cat >"$seeds/$1/$2" || cat >/dev/null
}
# A GTFS feed as fuzz_gtfs_feed reads it: each file after a line "==> name <==".
feed_dir_seed() {  # feed_dir_seed <folder> <name>
  local f
  for f in "$1"/*.txt; do
    case "$(basename "$f")" in shapes.txt | translations.txt) continue ;; esac
    printf '==> %s <==\n' "$(basename "$f")"
    cat "$f"
  done | seed fuzz_gtfs_feed "$2"
}
# A slice of a zipped feed that still holds together: the first `trips` trips of trips.txt, their
# stop_times, all of stops.txt, and every other file (bar shapes and translations) cut to 200 lines.
feed_zip_seed() {  # feed_zip_seed <zip> <trips> <name>
  local zip=$1 trips=$2 name=$3 m
  {
    for m in $(unzip -Z1 "$zip"); do
      case "$m" in */shapes.txt | shapes.txt | */translations.txt | translations.txt | */) continue ;; esac
      printf '==> %s <==\n' "$m"
      case "$m" in
        *trips.txt) unzip -p "$zip" "$m" | head -n $((trips + 1)) ;;
        *stop_times.txt)
          unzip -p "$zip" "$(unzip -Z1 "$zip" | grep 'trips.txt$' | head -n 1)" | head -n $((trips + 1)) >"$work/trips.tmp"
          unzip -p "$zip" "$m" | awk -F, -v trips="$work/trips.tmp" '
            BEGIN { while ((getline line < trips) > 0) { n++; if (n == 1) { h = split(line, hd, ","); for (i = 1; i <= h; i++) { gsub(/^\xef\xbb\xbf|[ "\r]/, "", hd[i]); if (hd[i] == "trip_id") tc = i } } else { split(line, f, ","); gsub(/[ "\r]/, "", f[tc]); keep[f[tc]] = 1 } } }
            NR == 1 { for (i = 1; i <= NF; i++) { x = $i; gsub(/^\xef\xbb\xbf|[ "\r]/, "", x); if (x == "trip_id") sc = i }; print; next }
            { x = $sc; gsub(/[ "\r]/, "", x); if (x in keep) print }' ;;
        *stops.txt) unzip -p "$zip" "$m" ;;
        *) unzip -p "$zip" "$m" | head -n 200 ;;
      esac
    done
  } | seed fuzz_gtfs_feed "$name"
  rm -f "$work/trips.tmp"
}

# Hand-written seeds: mesh codes of every level, blanks, level names; a GTFS time and date table.
printf '5339\n533946\n53394611\n533946113\n5339461134\n53394611342\n 5133 \t\n6841\n3036\n' | seed fuzz_mesh_code codes.txt
printf '1st\n2nd\n3rd\nhalf\n1/4\n8分の1\n4次メッシュ\n基準\n' | seed fuzz_mesh_code levels.txt
printf '%s' '0123456789abcdef53394611' | seed fuzz_mesh_code point.bin
printf 'trip_id,arrival_time,departure_time,date\r\n"t,1", 7:05:00 ,25:10:00,20260401\r\nt2,,999:59:59,20240229' | seed fuzz_gtfs_csv times.txt

for f in tests/fixtures/read/*.csv tests/fixtures/plans/*.csv; do head -c 8192 "$f" | seed fuzz_csv_reader "fixture_$(basename "$f")"; done
head -n 40 data/demo/residents.csv | seed fuzz_csv_reader demo_residents.csv
for f in data/demo/*.toml tests/fixtures/plans/*.toml; do seed fuzz_plan "$(basename "$(dirname "$f")")_$(basename "$f")" <"$f"; done
seed fuzz_plan census_plan.toml <tests/fixtures/plans/census/plan.toml
head -n 40 tests/fixtures/plans/census/table.txt | seed fuzz_estat_table fixture_table.txt
for d in tests/fixtures/gtfs/*/; do
  feed_dir_seed "${d%/}" "fixture_$(basename "$d").txt"
  for f in "$d"*.txt; do head -c 8192 "$f" | seed fuzz_gtfs_csv "fixture_$(basename "$d")_$(basename "$f")"; done
done
feed_zip_seed tests/fixtures/gtfs/tiny_nested.zip 10 fixture_tiny_nested.txt

if [ -d "$shared" ]; then
  for f in iizuka/facilities.csv iizuka/hospitals.csv iizuka/population_2026-05.csv stations/stations_pref35_40_43_2018.csv; do
    head -n 25 "$shared/$f" | seed fuzz_csv_reader "shared_$(basename "$f")"
  done
  table=$shared/iizuka/census_age_2020_tblT001082C40205.txt
  head -n 30 "$table" | seed fuzz_estat_table shared_T001082_head.txt
  { head -n 3 "$table"; LC_ALL=C awk -F, '$5 == "1" || $5 == "2"' "$table" | head -n 12; } | seed fuzz_estat_table shared_T001082_suppressed.txt
  head -n 25 "$table" | seed fuzz_csv_reader shared_T001082.csv
  for zip in "$shared"/iizuka/gtfs/*.zip "$shared"/gtfs/cairns_gtfs.zip; do
    stem=$(basename "$zip" .zip)
    feed_zip_seed "$zip" 8 "shared_$stem.txt"
    for m in $(unzip -Z1 "$zip" | grep '\.txt$'); do
      unzip -p "$zip" "$m" | head -n 40 | seed fuzz_gtfs_csv "shared_${stem}_$(basename "$m")"
    done
  done
else
  echo "keniki: $shared is absent: seeds from the demo data and the test fixtures only" >&2
fi

set -o pipefail

# ---- runs -------------------------------------------------------------------------------------
status=0
rows=()
for t in "${targets[@]}"; do
  bin=$build/tools/fuzz/$t
  corpus=$work/corpus/$t
  crashes=$work/crashes/$t
  log=$work/$t.log
  mkdir -p "$corpus" "$crashes"
  dict=()
  [ -f "tools/fuzz/$t.dict" ] && dict=(-dict="tools/fuzz/$t.dict")
  echo "== $t: ${seconds} s" >&2
  # GDAL and PROJ keep caches for the process lifetime: leak checks would report those, not keniki's.
  set +e
  ASAN_OPTIONS=detect_leaks=0:${ASAN_OPTIONS:-} UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-} \
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$crashes/" "$corpus" "$seeds/$t" >"$log" 2>&1
  rc=$?
  set -e
  # (a target that crashes on its first input prints no stats: the figures are then '?')
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2 || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2 || true)
  size=$(grep -o 'corp: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2 || true)  # libFuzzer's corpus at the end (the folder also keeps superseded units)
  crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  if [ "$rc" -ne 0 ]; then
    status=1
    [ -n "$crash" ] || crash="(exit $rc, no crash file: see $log)"
    echo "keniki: $t failed: $crash" >&2
    grep -m 1 -E 'ERROR: |runtime error|deadly signal|uncaught|timeout' "$log" >&2 || true
  fi
  rows+=("$(printf '%-18s %12s %7s %7s %8s  %s' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${size:-?}" "${crash:-0}")")
done

echo
printf '%-18s %12s %7s %7s %8s  %s\n' target executions cov ft corpus crashes
for r in "${rows[@]}"; do echo "$r"; done
echo "(${seconds} s each; logs in $work/<target>.log)"
exit "$status"
