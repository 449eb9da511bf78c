#!/usr/bin/env bash
# The quote benchmark (issue 16), newsnlp and the textacy peer side by side in one run.
#
#   scripts/bench-quotes.sh [SHARED_DIR] [OUT_DIR]
#
# 1. textacy (../shared/peers/textacy: direct quotations over spaCy en_core_web_sm; setup.sh installs it from
#    PyPI into the spaCy peer's venv) writes its quotes on the PolNeAR dev split.
# 2. `newsnlp eval quotes` scores newsnlp and textacy with the same scorer and prints them side by side.
# 3. Speed: `analyze --jobs 1` on the first ARTICLES (default 3000) Reuters-21578 training articles, with and
#    without --no-quotes, interleaved REPEAT times (default 3); the best wall and user CPU time of each and the
#    differences (CPU time is the steadier measure on a shared machine).
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
articles=${ARTICLES:-3000}
repeat=${REPEAT:-3}
venv=${PEER_VENV:-$HOME/.cache/newsnlp-peers/spacy-venv}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsnlp/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/newsnlp"
dev="$shared/data/quotes/polnear/data/dev"

# The venv may be the spaCy peer's without textacy (its own setup makes it): install what is missing.
"$venv/bin/python" -c "import textacy" 2>/dev/null || bash "$shared/peers/textacy/setup.sh" "$venv"
"$venv/bin/python" "$shared/peers/textacy/run_textacy.py" "$dev/text" "$out/textacy-dev.csv" 2> "$out/textacy.log"
cat "$out/textacy.log"
"$bin" eval quotes "$dev" --score-file "$out/textacy-dev.csv" --peer-name textacy --predictions "$out/newsnlp-dev.csv"

head -n "$articles" "$shared/data/topics/reuters21578-modapte-train.jsonl" > "$out/reuters.jsonl"
best() { sort -n | head -1; }
pct() { echo "scale=1; 100 * ($1 - $2) / $2" | bc; }
: > "$out/with.txt"; : > "$out/without.txt"; : > "$out/with-cpu.txt"; : > "$out/without-cpu.txt"
for _ in $(seq "$repeat"); do
  for mode in with without; do
    flag=(); [[ $mode == without ]] && flag=(--no-quotes)
    /usr/bin/time -f "%e %U" -o "$out/time.txt" \
      "$bin" analyze "$out/reuters.jsonl" -o "$out/run-$mode" --format jsonl --jobs 1 -q "${flag[@]}"
    read -r wall cpu < "$out/time.txt"
    echo "$wall" >> "$out/$mode.txt"; echo "$cpu" >> "$out/$mode-cpu.txt"
  done
done
with=$(best < "$out/with.txt"); without=$(best < "$out/without.txt")
with_cpu=$(best < "$out/with-cpu.txt"); without_cpu=$(best < "$out/without-cpu.txt")
quotes=$(wc -l < "$out/run-with/quotes.jsonl")
echo "analyze --jobs 1, $articles Reuters articles, best of $repeat ($quotes quotes): wall ${with}s with quotes," \
  "${without}s with --no-quotes ($(pct "$with" "$without")%); user CPU ${with_cpu}s against ${without_cpu}s" \
  "($(pct "$with_cpu" "$without_cpu")%)"
