#!/usr/bin/env bash
# Extraction benchmark: newsnlp and trafilatura side by side on the dev pages.
#
# Usage: scripts/bench-extraction.sh [OUT_DIR]
#
# Runs `newsnlp extract` and trafilatura 2.3.1 (benchmark settings: no comments,
# tables kept) over the same pages in one run, each on one thread, scores both
# with the benchmark's metric (all pages, English, English news) and prints
# pages/s and the speed ratio. newsnlp runs ROUNDS times (default 5) around
# trafilatura's run and its median is reported, so that both are measured under
# the same machine load.
#
# Environment:
#   NEWSNLP_SHARED_DATA  the shared data folder (default: ../shared/data next to the repository)
#   NEWSNLP_PEERS        the peers folder (default: ../shared/peers)
#   NEWSNLP_CHECKS       the checks folder with score_extraction.py (default: ../shared/checks)
#   TRAFILATURA_VENV     the peer's venv (default: ~/.cache/newsnlp-peers/trafilatura-venv; created if missing)
#   NEWSNLP_BIN          a built newsnlp binary (default: build with cargo --release)
#   ROUNDS               newsnlp rounds (default 5)
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${NEWSNLP_SHARED_DATA:-$repo/../shared/data}
peers=${NEWSNLP_PEERS:-$(dirname "$shared")/peers}
checks=${NEWSNLP_CHECKS:-$(dirname "$shared")/checks}
data=$shared/extraction
venv=${TRAFILATURA_VENV:-$HOME/.cache/newsnlp-peers/trafilatura-venv}
out=${1:-$(mktemp -d -t bench-extraction.XXXXXX)}
rounds=${ROUNDS:-5}

[[ -d $data/pages ]] || { echo "no pages in $data (set NEWSNLP_SHARED_DATA)" >&2; exit 2; }
[[ -f $checks/score_extraction.py ]] || { echo "no scorer in $checks (set NEWSNLP_CHECKS)" >&2; exit 2; }

if [[ -z ${NEWSNLP_BIN:-} ]]; then
    (cd "$repo" && cargo build --release --quiet --bin newsnlp)
    NEWSNLP_BIN=${CARGO_TARGET_DIR:-$repo/target}/release/newsnlp
fi

# The peer: trafilatura 2.3.1. Its setup script pins lxml 6.1.3, whose
# lxml.html.clean now lives in a separate package that trafilatura imports.
if ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
    bash "$peers/trafilatura/setup.sh" "$venv" || true
    "$venv/bin/pip" install -q lxml_html_clean
    "$venv/bin/python" -c 'import trafilatura' || { echo "trafilatura could not be installed" >&2; exit 2; }
fi

mkdir -p "$out"
pages=$(ls "$data/pages" | wc -l)

run_newsnlp() {  # prints pages/s of one run
    rm -rf "$out/newsnlp"
    "$NEWSNLP_BIN" extract "$data/pages" -o "$out/newsnlp" 2>"$out/newsnlp.log" || [[ $? -eq 1 ]]
    sed -n 's/.*: \([0-9.]*\) pages\/s.*/\1/p' "$out/newsnlp.log"
}

echo "extraction benchmark: $pages pages from $data, one thread each; outputs in $out"
speeds=()
half=$(( (rounds + 1) / 2 ))
for ((i = 0; i < half; i++)); do speeds+=("$(run_newsnlp)"); done
"$venv/bin/python" "$peers/trafilatura/run_trafilatura.py" --eval "$data" --out "$out" bench >"$out/trafilatura.log"
for ((i = half; i < rounds; i++)); do speeds+=("$(run_newsnlp)"); done
traf_dir=$(ls -d "$out"/trafilatura-*-bench | head -1)
traf_speed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages_per_s"])' "$traf_dir.timing.json")
news_speed=$(printf '%s\n' "${speeds[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

f1() {  # F1 of a folder on a subset
    python3 "$checks/score_extraction.py" "$1" --expected "$data/expected.jsonl" --json "${@:2}" |
        python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["f1"])'
}

printf '\n%-24s %8s %8s %11s %9s\n' tool "F1 all" "F1 en" "F1 en news" "pages/s"
for tool in newsnlp trafilatura; do
    if [[ $tool == newsnlp ]]; then dir=$out/newsnlp; speed=$news_speed; else dir=$traf_dir; speed=$traf_speed; fi
    name=$tool; [[ $tool == trafilatura ]] && name=$(basename "$traf_dir")
    printf '%-24s %8s %8s %11s %9s\n' "$name" "$(f1 "$dir")" "$(f1 "$dir" --lang en)" "$(f1 "$dir" --lang en --news)" "$speed"
done
python3 -c 'import sys; n, t = map(float, sys.argv[1:3]); print(f"\nspeed: newsnlp {n:.1f} pages/s (median of runs: {sys.argv[3]}), trafilatura {t:.1f} pages/s: {n / t:.1f}x")' \
    "$news_speed" "$traf_speed" "${speeds[*]}"
