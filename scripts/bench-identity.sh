#!/usr/bin/env bash
# Dump-level identity: its cost in `analyze`, and memory flatness with it (issue 18).
#
#   scripts/bench-identity.sh [SHARED_DIR] [OUT_DIR]
#
# 1. analyze on the Reuters-21578 training dump, --jobs 1, with identity and with --no-identity, then with
#    linking and with --no-linking, interleaved (ROUNDS rounds, default 3): wall time, CPU time, peak RSS.
# 2. Peak RSS with identity on 10k and 100k articles of the Reuters dump repeated with fresh ids (as
#    scripts/bench-scale.sh builds it), --jobs 1, then the same with --no-identity. The repeated dump names no new
#    entity after its first 9,603 articles, so whatever grows from 10k to 100k grows with the articles.
# BIN=path/to/newsnlp runs that binary instead of building; BASELINE_BIN=path/to/older/newsnlp runs that one too on
# 10k and 100k, interleaved (rows `baseline`). Results: OUT_DIR/identity.tsv and stdout.
set -euo pipefail
# A benchmark measures the binary users build: CARGO_INCREMENTAL=1 in the caller's environment would build the
# release profile incrementally (256 codegen units), about 9% slower on `analyze`.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
rounds=${ROUNDS:-3}
if [[ -z "${BIN:-}" ]]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsnlp/target}"
  cargo build --release --quiet
  BIN="$CARGO_TARGET_DIR/release/newsnlp"
fi
reuters="$shared/data/topics/reuters21578-modapte-train.jsonl"
python3 - "$reuters" "$out" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(src, encoding="utf-8")]
with open(f"{out}/first10k.jsonl", "w") as a, open(f"{out}/first100k.jsonl", "w") as b:
    n, rep = 0, 0
    while n < 100_000:
        for r in rows:
            if n == 100_000: break
            line = json.dumps({"id": f"{r['id']}-r{rep}", "title": r["title"], "text": r["text"]}) + "\n"
            if n < 10_000: a.write(line)
            b.write(line); n += 1
        rep += 1
PY
printf 'run\tinput\tarticles\twall_s\tcpu_s\tpeak_rss_mb\n' > "$out/identity.tsv"
one() {  # label input extra-flags...
  local label=$1 input=$2 exe=$BIN; shift 2
  [[ $label == baseline* ]] && exe=$BASELINE_BIN
  rm -rf "$out/tables"
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$exe" analyze "$input" -o "$out/tables" --jobs 1 -q "$@" || [[ $? == 1 ]]
  read -r wall user sys rss < "$out/time"
  printf '%s\t%s\t%s\t%s\t%.2f\t%.0f\n' "$label" "$(basename "$input")" "$(wc -l < "$input")" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)" | tee -a "$out/identity.tsv"
}
for r in $(seq "$rounds"); do
  one identity "$reuters"
  one no-identity "$reuters" --no-identity
done
for r in $(seq "$rounds"); do
  one linking "$reuters"
  one no-linking "$reuters" --no-linking
done
for n in 10k 100k; do
  one identity "$out/first$n.jsonl"
  [[ -n ${BASELINE_BIN:-} ]] && one baseline "$out/first$n.jsonl"
done
one no-identity "$out/first10k.jsonl" --no-identity
one no-identity "$out/first100k.jsonl" --no-identity
