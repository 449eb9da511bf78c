#!/usr/bin/env bash
# Wall time of `newsnlp report` on the sample page (issue 5: under 200 ms, model loading included).
#
#   scripts/bench-report.sh [RUNS]        (default 20 runs per case)
#
# Each run is one whole process, timed from fork to exit: start-up, reading the page, loading every
# model the pipeline loads, the analysis, rendering and writing the report (to /dev/null).
# - cold: before each run the binary, every file under the models folder and the page are evicted
#   from the page cache (posix_fadvise DONTNEED through `dd iflag=nocache`, after `sync` of each
#   file), so they are read from disk again. Only those files are evicted: shared libraries stay
#   cached, and nothing else on the machine is disturbed (no drop_caches). `fincore` confirms the
#   eviction when it is installed.
# - warm: one untimed run, then RUNS timed runs with everything cached.
# Prints min, median, mean and max in milliseconds for each case, the machine's load, and (when
# `perf` works) the mean CPU time per run, which a busy machine inflates less than wall time.
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
runs=${1:-20}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsnlp/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/newsnlp"
page=tests/data/cp-2026-01-06-carney-paris.txt
models="${NEWSNLP_MODELS:-models}"  # the folder the binary uses when run from the repository root
mapfile -t files < <(printf '%s\n' "$bin" "$page"; find "$models" -type f)

evict() {
  for f in "${files[@]}"; do
    sync "$f"
    dd if="$f" iflag=nocache count=0 status=none
  done
}

cached_pages() {
  command -v fincore >/dev/null || { echo "n/a"; return; }
  fincore --noheadings --output PAGES "${files[@]}" | awk '{s += $1} END {print s}'
}

# Times RUNS runs of the report in FORMAT; with "cold", evicts the files before each.
measure() {
  local mode=$1 format=$2 times=() start end
  [ "$mode" = warm ] && "$bin" report "$page" --format "$format" >/dev/null
  for _ in $(seq "$runs"); do
    [ "$mode" = cold ] && evict
    start=$(date +%s%N)
    "$bin" report "$page" --format "$format" >/dev/null
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v mode="$mode" -v format="$format" '
    { t[NR] = $1 / 1000; s += t[NR] }
    END {
      med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-5s %-9s %4d runs  min %7.1f  median %7.1f  mean %7.1f  max %7.1f ms\n", mode, format, NR, t[1], med, s / NR, t[NR]
    }'
}

echo "newsnlp report on $page ($(wc -c <"$page") bytes); binary $bin ($(du -h "$bin" | cut -f1))"
echo "files evicted for cold runs: ${files[*]}"
evict
echo "pages of those files in the page cache after eviction: $(cached_pages)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure cold text
measure cold html
for format in text markdown json html; do
  measure warm "$format"
done
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  # CPU time does not grow with the machine's load the way wall time does.
  for format in text html; do
    ms=$(perf stat -x, -r "$runs" -e task-clock "$bin" report "$page" --format "$format" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}')
    printf 'cpu   %-9s %4d runs  mean task-clock %.1f ms (perf stat)\n' "$format" "$runs" "$ms"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
